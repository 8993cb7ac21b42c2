"use client";
import { useActionState } from "react";
import type { SubscriberScope } from "@/lib/domain/scoping.ts";
import type { SubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { subscribeAction } from "./actions.ts";
import { IDLE } from "./form-state.ts";
import { buttonClass, Notice, ScopeFields } from "./scope-fields.tsx";

/** `scope`: what the form opens with ("Subscribe to this region" links preset it). */
export function SubscribeForm({ choices, scope }: { choices: SubscriptionChoices; scope?: SubscriberScope }) {
  const [state, action, pending] = useActionState(subscribeAction, IDLE);
  const emailError = state.fields?.email;
  return (
    <form action={action} className="space-y-6" noValidate>
      <Notice state={state} />
      <div className="space-y-1">
        <label htmlFor="email" className="block font-semibold">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.status === "error" ? state.email : ""}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
          className="w-full rounded border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        />
        {emailError && (
          <p id="email-error" className="text-sm font-medium text-red-700 dark:text-red-400">
            {emailError.join(" ")}
          </p>
        )}
      </div>
      <ScopeFields choices={choices} scope={scope} error={state.fields?.scope} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Sending…" : "Subscribe"}
      </button>
    </form>
  );
}
