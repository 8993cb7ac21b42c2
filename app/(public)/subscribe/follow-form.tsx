"use client";
// "Get updates on this incident": an address, and the one incident it will follow until it resolves.
import { useActionState } from "react";
import { followIncidentAction } from "./follow-action.ts";
import { IDLE } from "./form-state.ts";
import { buttonClass, Notice } from "./scope-fields.tsx";

export function FollowIncidentForm({ incident }: { incident: { id: string; title: string } }) {
  const [state, action, pending] = useActionState(followIncidentAction, IDLE);
  const emailError = state.fields?.email;
  return (
    <form action={action} className="space-y-6" noValidate data-testid="follow-incident-form">
      <Notice state={state} />
      <p>
        You will get an email with each update on <strong>{incident.title}</strong>, and one when it resolves. Then the
        emails stop.
      </p>
      <input type="hidden" name="incident" value={incident.id} />
      <div className="space-y-1">
        <label htmlFor="follow-email" className="block font-semibold">
          Email address
        </label>
        <input
          id="follow-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.status === "error" ? state.email : ""}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "follow-email-error" : undefined}
          className="w-full rounded border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        />
        {emailError && (
          <p id="follow-email-error" className="text-sm font-medium text-red-700 dark:text-red-400">
            {emailError.join(" ")}
          </p>
        )}
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Sending…" : "Get updates on this incident"}
      </button>
    </form>
  );
}
