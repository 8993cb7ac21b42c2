"use client";
// The console's form to add a webhook subscriber; the secret is shown once, in the answer.
import { useActionState } from "react";
import type { SubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { ScopeFields } from "../../../../../(public)/subscribe/scope-fields.tsx";
import { describedBy, INPUT_CLASS } from "../../../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../../../_components/form-parts.tsx";
import { firstError, IDLE, typedValue } from "../../../../_lib/form-state.ts";
import { type AddWebhookState, addWebhookAction } from "./actions.ts";

export function AddWebhookForm({ choices }: { choices: SubscriptionChoices }) {
  const [state, action] = useActionState<AddWebhookState, FormData>(addWebhookAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      {state.secret && (
        <div className="space-y-2 rounded border border-amber-500 bg-amber-50 p-4 dark:bg-amber-950">
          <p className="font-semibold">Signing secret for {state.url} — shown this once</p>
          <p className="text-sm">Give it to the receiver&apos;s owner now: it cannot be shown again.</p>
          <output
            aria-label="Signing secret"
            className="block break-all rounded bg-white p-2 font-mono text-sm dark:bg-slate-900"
          >
            {state.secret}
          </output>
        </div>
      )}
      <form action={action} key={state.seq} noValidate className="space-y-5" aria-label="Add a webhook subscriber">
        <Field
          id="webhook-url"
          label="Webhook URL"
          hint="Public http(s) addresses only (unless WEBHOOK_ALLOW_PRIVATE is set). No challenge: you vouch for it."
          error={firstError(state, "url")}
        >
          <input
            name="url"
            type="url"
            required
            defaultValue={typedValue(kept, "url")}
            className={INPUT_CLASS}
            {...describedBy("webhook-url", firstError(state, "url"), true)}
          />
        </Field>
        <fieldset className="space-y-1">
          <legend className="font-medium">Format</legend>
          {[
            ["auto", "Slack for hooks.slack.com, JSON otherwise"],
            ["json", "JSON event document"],
            ["slack", "Slack message (text and blocks)"],
          ].map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="format"
                value={value}
                defaultChecked={typedValue(kept, "format", "auto") === value}
              />{" "}
              {label}
            </label>
          ))}
        </fieldset>
        <ScopeFields choices={choices} error={state.fields?.scope} />
        <SubmitButton pendingLabel="Adding…">Add webhook subscriber</SubmitButton>
      </form>
    </div>
  );
}
