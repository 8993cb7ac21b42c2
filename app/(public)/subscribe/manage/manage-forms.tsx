"use client";
import { useActionState } from "react";
import type { SubscriberScope } from "@/lib/domain/scoping.ts";
import type { SubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { manageAction } from "../actions.ts";
import { IDLE } from "../form-state.ts";
import { buttonClass, Notice, ScopeFields } from "../scope-fields.tsx";

// Both forms share one action state, so the page always reflects the latest of them.
export function ManageForms({
  token,
  choices,
  scope,
  unsubscribed,
}: {
  token: string;
  choices: SubscriptionChoices;
  scope: SubscriberScope;
  unsubscribed: boolean;
}) {
  const [state, action, pending] = useActionState(manageAction, IDLE);
  const active = state.active ?? !unsubscribed;
  return (
    <>
      <Notice state={state} />
      <form action={action} className="space-y-6">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="intent" value="save" />
        <ScopeFields choices={choices} scope={scope} error={state.fields?.scope} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {active ? "Save choices" : "Subscribe again with these choices"}
        </button>
      </form>
      {active && (
        <form action={action} className="space-y-3 border-t border-slate-200 pt-6 dark:border-slate-800">
          <h2 className="text-lg font-semibold">Unsubscribe</h2>
          <p className="text-slate-700 dark:text-slate-300">Stop every status email to this address.</p>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="intent" value="unsubscribe" />
          <button type="submit" className={buttonClass} disabled={pending}>
            Unsubscribe
          </button>
        </form>
      )}
    </>
  );
}
