"use client";
import { useActionState } from "react";
import type { SubscriberScope } from "@/lib/domain/scoping.ts";
import type { SubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { changeScopeAction, unsubscribeAction } from "../actions.ts";
import { IDLE } from "../form-state.ts";
import { buttonClass, Notice, ScopeFields } from "../scope-fields.tsx";

export function ManageForms({ token, choices, scope, unsubscribed }: { token: string; choices: SubscriptionChoices; scope: SubscriberScope; unsubscribed: boolean }) {
  const [saved, save, saving] = useActionState(changeScopeAction, IDLE);
  const [left, leave, leaving] = useActionState(unsubscribeAction, IDLE);
  // The latest of the two forms decides whether the subscription is active now.
  const active = saved.status === "done" || (!unsubscribed && left.status !== "done");
  return (
    <>
      <Notice state={left.status !== "idle" && saved.status === "idle" ? left : saved} />
      <form action={save} className="space-y-6">
        <input type="hidden" name="token" value={token} />
        <ScopeFields choices={choices} scope={scope} error={saved.fields?.scope} />
        <button type="submit" className={buttonClass} disabled={saving}>
          {active ? "Save choices" : "Subscribe again with these choices"}
        </button>
      </form>
      {active && (
        <form action={leave} className="space-y-3 border-t border-slate-200 pt-6 dark:border-slate-800">
          <h2 className="text-lg font-semibold">Unsubscribe</h2>
          <p className="text-slate-700 dark:text-slate-300">Stop every status email to this address.</p>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="purpose" value="manage" />
          <button type="submit" className={buttonClass} disabled={leaving}>
            Unsubscribe
          </button>
        </form>
      )}
    </>
  );
}
