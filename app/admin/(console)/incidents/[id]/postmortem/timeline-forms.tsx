"use client";
// Add an entry to the timeline, or correct one. Times are typed in UTC.
import { useActionState } from "react";
import { describedBy, INPUT_CLASS } from "../../../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../../../_components/form-parts.tsx";
import { firstError, IDLE, typedValue } from "../../../../_lib/form-state.ts";
import { addTimelineEntryAction, editTimelineEntryAction } from "./actions.ts";
import { inputFromUtc } from "./form-state.ts";

export function AddEntryForm({
  postmortemId,
  incidentId,
  defaultAt,
}: {
  postmortemId: string;
  incidentId: string;
  defaultAt: string;
}) {
  const [state, action] = useActionState(addTimelineEntryAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form
      action={action}
      key={state.seq}
      noValidate
      className="grid gap-3 sm:grid-cols-[14rem_1fr_auto] sm:items-end"
      aria-label="Add a timeline entry"
    >
      <input type="hidden" name="postmortemId" value={postmortemId} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
      <Field id="entry-at" label="Time (UTC)" error={firstError(state, "at")}>
        <input
          type="datetime-local"
          name="at"
          defaultValue={typedValue(kept, "at", inputFromUtc(defaultAt))}
          className={INPUT_CLASS}
          {...describedBy("entry-at", firstError(state, "at"))}
        />
      </Field>
      <Field id="entry-text" label="What happened" error={firstError(state, "text")}>
        <textarea
          name="text"
          rows={2}
          defaultValue={typedValue(kept, "text")}
          placeholder="Deploy 4711 rolled back"
          className={INPUT_CLASS}
          {...describedBy("entry-text", firstError(state, "text"))}
        />
      </Field>
      <SubmitButton pendingLabel="Adding…">Add entry</SubmitButton>
    </form>
  );
}

export function EditEntryForm({
  entryId,
  incidentId,
  at,
  text,
}: {
  entryId: string;
  incidentId: string;
  at: string;
  text: string;
}) {
  const [state, action] = useActionState(editTimelineEntryAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  const id = `edit-${entryId}`;
  return (
    <form action={action} key={state.seq} noValidate className="mt-2 space-y-2" aria-label="Change this entry">
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={state} />
      <Field id={`${id}-at`} label="Time (UTC)" error={firstError(state, "at")}>
        <input
          type="datetime-local"
          name="at"
          defaultValue={typedValue(kept, "at", inputFromUtc(at))}
          className={INPUT_CLASS}
          {...describedBy(`${id}-at`, firstError(state, "at"))}
        />
      </Field>
      <Field id={`${id}-text`} label="Text" error={firstError(state, "text")}>
        <textarea
          name="text"
          rows={2}
          defaultValue={typedValue(kept, "text", text)}
          className={INPUT_CLASS}
          {...describedBy(`${id}-text`, firstError(state, "text"))}
        />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save entry</SubmitButton>
    </form>
  );
}
