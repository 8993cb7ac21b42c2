// GET /admin/audit – every change anyone made: who, what, before → after, when (admins)
import type { Metadata } from "next";
import Link from "next/link";
import { auditChanges, auditFilterInput, auditVocabulary, listAuditEntries } from "@/lib/audit/list.ts";
import { db } from "@/lib/db.ts";
import { fieldErrorsFromZod } from "@/lib/errors.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { INPUT_CLASS } from "../../_components/field-props.ts";
import { ScrollArea } from "../../_components/scroll-area.tsx";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

function single(search: Search): Record<string, string> {
  return Object.fromEntries(Object.entries(search).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = single(await searchParams);
  await requireActor("audit.read", { returnTo: `/admin/audit?${new URLSearchParams(raw)}` });
  const parsed = auditFilterInput.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  const filter = parsed.success ? parsed.data : auditFilterInput.parse({});
  const [page, vocabulary] = await Promise.all([listAuditEntries(db(), filter), auditVocabulary(db())]);
  const { before: _before, ...kept } = raw;
  const text = (name: string, label: string, type = "text") => (
    <div>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`f-${name}`}
        name={name}
        type={type}
        defaultValue={raw[name] ?? ""}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `f-${name}-error` : undefined}
        list={name === "action" ? "audit-actions" : name === "entityType" ? "audit-types" : undefined}
        className={INPUT_CLASS}
      />
      {errors[name] && (
        <p id={`f-${name}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
          {errors[name][0]}
        </p>
      )}
    </div>
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Audit trail</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Every change a person made, newest first. Entries can never be edited or deleted.
        </p>
      </div>
      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-3 dark:border-slate-800"
        aria-label="Filter the audit trail"
      >
        {text("actor", "Who (email contains)")}
        {text("action", "What (action starts with)")}
        {text("entityType", "Record type")}
        {text("entityId", "Record id")}
        {text("from", "From (UTC day)", "date")}
        {text("to", "To (UTC day)", "date")}
        <datalist id="audit-actions">
          {vocabulary.actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <datalist id="audit-types">
          {vocabulary.entityTypes.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <div className="flex items-end gap-3 sm:col-span-3">
          <button
            type="submit"
            className="rounded bg-slate-900 px-4 py-2 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
          >
            Filter
          </button>
          <Link href="/admin/audit" className="py-2 text-sm underline">
            Clear
          </Link>
        </div>
      </form>
      {page.entries.length === 0 ? (
        <p>No entries match.</p>
      ) : (
        <ol
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
          aria-label="Audit entries, newest first"
        >
          {page.entries.map((entry) => {
            const changes = auditChanges(entry.before, entry.after);
            return (
              <li key={entry.id} className="px-4 py-3" data-audit-action={entry.action}>
                <p className="text-sm">
                  <time dateTime={entry.at.toISOString()} className="font-mono">
                    {entry.at.toISOString().slice(0, 19).replace("T", " ")} UTC
                  </time>{" "}
                  · <span className="font-semibold">{entry.actorEmail}</span> ·{" "}
                  <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{entry.action}</code>{" "}
                  <span className="text-slate-700 dark:text-slate-300">
                    on {entry.entityType}{" "}
                    <Link
                      className="underline"
                      href={`/admin/audit?${new URLSearchParams({ entityType: entry.entityType, entityId: entry.entityId })}`}
                    >
                      {entry.entityId}
                    </Link>
                  </span>
                </p>
                {changes.length > 0 && (
                  <ScrollArea label={`What changed in entry ${entry.id}`} className="mt-2">
                    <table className="text-sm">
                      <caption className="sr-only">What changed</caption>
                      <thead>
                        <tr className="text-left text-slate-600 dark:text-slate-400">
                          <th scope="col" className="pr-4 font-medium">
                            Field
                          </th>
                          <th scope="col" className="pr-4 font-medium">
                            Before
                          </th>
                          <th scope="col" className="font-medium">
                            After
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {changes.map((c) => (
                          <tr key={c.field}>
                            <th scope="row" className="pr-4 text-left font-medium">
                              {c.field}
                            </th>
                            <td className="max-w-xs truncate pr-4" title={c.before}>
                              {c.before}
                            </td>
                            <td className="max-w-xs truncate" title={c.after}>
                              {c.after}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollArea>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {page.nextBefore && (
        <p>
          <Link
            className="underline"
            href={`/admin/audit?${new URLSearchParams({ ...kept, before: page.nextBefore })}`}
          >
            Older entries
          </Link>
        </p>
      )}
    </div>
  );
}
