"use client";
// An engineer's own opt-in to burn-rate alert emails.
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { IDLE } from "../../_lib/form-state.ts";
import { setBurnAlertEmailsAction } from "./actions.ts";

export function BurnAlertEmailsForm({ enabled }: { enabled: boolean }) {
  const [state, action] = useActionState(setBurnAlertEmailsAction, IDLE);
  return (
    <form
      action={action}
      className="space-y-2"
      aria-labelledby="burn-emails-heading"
      data-testid="burn-alert-emails-form"
    >
      <h2 id="burn-emails-heading" className="text-lg font-semibold">
        My alert emails
      </h2>
      <div className="flex items-center gap-2">
        <input
          id="burn-emails-enabled"
          name="enabled"
          type="checkbox"
          defaultChecked={enabled}
          key={`${enabled}-${state.seq}`}
          className="h-4 w-4"
        />
        <label htmlFor="burn-emails-enabled">Email me when a burn-rate alert fires (page or ticket)</label>
      </div>
      <SubmitButton tone="secondary" pendingLabel="Saving…">
        Save my setting
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
