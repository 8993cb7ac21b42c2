"use client";
// The postmortem's sections, one textarea each, saved together against the
// version the engineer started from. A stale save is refused: the text as it
// is now is shown above, and everything typed stays in the form.
import { useActionState } from "react";
import { MarkdownHtml } from "@/app/_components/markdown-html.tsx";
import { POSTMORTEM_SECTION_DEFINITIONS } from "@/lib/domain/postmortem-sections.ts";
import type { PostmortemView } from "@/lib/postmortems/types.ts";
import { describedBy, INPUT_CLASS } from "../../../../_components/field-props.ts";
import { FormMessage, SubmitButton } from "../../../../_components/form-parts.tsx";
import { firstError, typedValue } from "../../../../_lib/form-state.ts";
import { saveSectionsAction } from "./actions.ts";
import { SECTIONS_IDLE, type SectionsFormState } from "./form-state.ts";

const HINT: Record<string, string> = {
  summary: "What happened, to whom, for how long — in two or three sentences.",
  leadup: "What led up to the fault: changes, load, circumstances.",
  fault: "What failed, and how.",
  impact: "Who was affected and how. The measured figures above are the record.",
  detection: "How and when we found out.",
  rootCause: "Why it happened; keep asking why.",
  mitigation: "What stopped the impact and what resolved it.",
  correctiveMeasures: "What we change so it does not happen again. Public action items are listed under it.",
  lessonsLearned:
    "What went well, what went wrong, where we got lucky. Internal: never published, never in the public export.",
};

interface Props {
  postmortem: Pick<PostmortemView, "id" | "incidentId" | "version" | "sections">;
  /** Section key → sanitized HTML of the saved text. */
  savedPreviews: Record<string, string>;
}

function Conflict({ state, typed }: { state: SectionsFormState; typed: (key: string) => string }) {
  const current = state.current as PostmortemView | undefined;
  if (!current || typeof current !== "object" || !("sections" in current)) return null;
  const changed = POSTMORTEM_SECTION_DEFINITIONS.filter((s) => current.sections[s.key] !== typed(s.key));
  return (
    <section
      aria-label="The postmortem as it is now"
      className="space-y-2 rounded border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
      data-testid="conflict-current"
    >
      <p className="font-semibold">
        Someone saved this postmortem after you opened it. As it is now (version {current.version}):
      </p>
      {changed.length === 0 ? (
        <p>Its sections read exactly as yours.</p>
      ) : (
        changed.map((s) => (
          <div key={s.key}>
            <p className="font-medium">{s.heading}</p>
            <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-white/60 p-2 font-sans dark:bg-black/30">
              {current.sections[s.key] || "(empty)"}
            </pre>
          </div>
        ))
      )}
      <p>Your text is still in the form below. Merge what you need and save again.</p>
    </section>
  );
}

export function SectionsForm({ postmortem, savedPreviews }: Props) {
  const [state, action] = useActionState(saveSectionsAction, SECTIONS_IDLE);
  const kept = state.status === "success" ? SECTIONS_IDLE : state;
  const current = state.current as PostmortemView | undefined;
  const typed = (key: string) => typedValue(kept, key, postmortem.sections[key as keyof typeof postmortem.sections]);
  const expected = Math.max(postmortem.version, current?.version ?? 0);
  return (
    <form action={action} key={state.seq} noValidate className="space-y-6" aria-label="Postmortem sections">
      <input type="hidden" name="postmortemId" value={postmortem.id} />
      <input type="hidden" name="incidentId" value={postmortem.incidentId} />
      <input type="hidden" name="expectedVersion" value={String(expected)} />
      <FormMessage state={state} />
      <Conflict state={state} typed={typed} />
      {POSTMORTEM_SECTION_DEFINITIONS.map((s) => {
        const id = `section-${s.key}`;
        const error = firstError(state, s.key);
        const preview = state.previews?.[s.key] ?? (kept.values ? undefined : savedPreviews[s.key]);
        const box = s.internal ? "rounded-lg border-2 border-dashed border-violet-600 p-3" : "";
        return (
          <div key={s.key} className={`space-y-2 ${box}`} data-section={s.key}>
            <label htmlFor={id} className="block text-lg font-semibold">
              {s.heading}
              {s.internal && " "}
              {s.internal && (
                <span className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-xs font-bold text-violet-950 dark:bg-violet-950 dark:text-violet-100">
                  internal — never published
                </span>
              )}
            </label>
            <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
              {HINT[s.key]}
            </p>
            <textarea
              name={s.key}
              rows={s.key === "impact" ? 12 : 6}
              defaultValue={typed(s.key)}
              className={`${INPUT_CLASS} font-mono text-sm`}
              {...describedBy(id, error, true)}
            />
            {error && (
              <p id={`${id}-error`} className="text-sm font-medium text-red-700 dark:text-red-400">
                {error}
              </p>
            )}
            {preview !== undefined && preview.trim() !== "" && (
              <details
                className="rounded border border-slate-200 p-2 dark:border-slate-800"
                open={state.previews !== undefined}
              >
                <summary className="cursor-pointer text-sm font-medium">
                  Preview{state.previews ? " of your text" : " of the saved text"}
                </summary>
                <MarkdownHtml html={preview} className="mt-2" />
              </details>
            )}
          </div>
        );
      })}
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Saving…">Save sections</SubmitButton>
        <button
          type="submit"
          name="intent"
          value="preview"
          className="rounded border border-slate-400 px-4 py-2 text-sm font-semibold dark:border-slate-500"
        >
          Preview
        </button>
      </div>
    </form>
  );
}
