"use client";
// Restate an issued month: the figures are recomputed now and stored as a new
// revision, with the reason the customer will read.
import { useActionState } from "react";
import { describedBy, INPUT_CLASS } from "../../../../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../../../../_components/form-parts.tsx";
import { type FormState, firstError, IDLE, typedValue } from "../../../../../_lib/form-state.ts";
import { restateStatementAction } from "../../../actions.ts";

export function RestateForm({ contractId, month }: { contractId: string; month: string }) {
  const [state, action] = useActionState<FormState, FormData>(restateStatementAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form action={action} key={state.seq} noValidate className="space-y-3" aria-label="Restate this month">
      <input type="hidden" name="contractId" value={contractId} />
      <input type="hidden" name="month" value={month} />
      <Field
        id="restate-reason"
        label="Reason"
        error={firstError(state, "reason")}
        hint="Shown on the statement and in its email, e.g. “Incident reclassified from major to partial outage after review”."
      >
        <textarea
          name="reason"
          rows={3}
          required
          defaultValue={typedValue(kept, "reason")}
          className={INPUT_CLASS}
          {...describedBy("restate-reason", firstError(state, "reason"), true)}
        />
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Restating…">Restate</SubmitButton>
    </form>
  );
}
