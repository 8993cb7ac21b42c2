"use client";
// "Start postmortem": a POST, so that opening the page never creates one.
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "../../../../_components/form-parts.tsx";
import { IDLE } from "../../../../_lib/form-state.ts";
import { startPostmortemAction } from "./actions.ts";

export function StartPanelForm({ incidentId }: { incidentId: string }) {
  const [state, action] = useActionState(startPostmortemAction, IDLE);
  return (
    <form action={action} className="space-y-2" aria-label="Start the postmortem">
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Starting…">Start postmortem</SubmitButton>
    </form>
  );
}
