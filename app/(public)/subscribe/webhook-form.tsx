"use client";
import { useActionState } from "react";
import type { SubscriberScope } from "@/lib/domain/scoping.ts";
import type { SubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { buttonClass, Notice, ScopeFields } from "./scope-fields.tsx";
import { webhookSubscribeAction } from "./webhook-actions.ts";
import type { WebhookFormState } from "./webhook-state.ts";

const IDLE: WebhookFormState = { status: "idle", message: "" };
const input =
  "w-full rounded border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900 font-mono text-sm";

export function WebhookSubscribeForm({ choices, scope }: { choices: SubscriptionChoices; scope?: SubscriberScope }) {
  const [state, action, pending] = useActionState(webhookSubscribeAction, IDLE);
  const urlError = state.fields?.url;
  return (
    <form action={action} className="space-y-6" noValidate>
      <Notice state={state} />
      {state.secret && (
        <div className="space-y-2 rounded border border-amber-500 bg-amber-50 p-4 dark:bg-amber-950">
          <p className="font-semibold">Signing secret — shown this once</p>
          <p className="text-sm">
            Every request carries <code>Bellwether-Signature</code>, an HMAC-SHA256 of <code>timestamp.body</code> keyed
            with this secret. Store it now; we cannot show it again.
          </p>
          <output
            aria-label="Signing secret"
            className="block break-all rounded bg-white p-2 font-mono text-sm dark:bg-slate-900"
          >
            {state.secret}
          </output>
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor="webhook-url" className="block font-semibold">
          Webhook URL
        </label>
        <p id="webhook-url-help" className="text-sm text-slate-600 dark:text-slate-400">
          We POST a challenge to it first: answer with the challenge echoed (<code>{'{"challenge":"…"}'}</code>) within
          5 seconds. A Slack incoming-webhook URL gets a message with a confirmation link instead.
        </p>
        <input
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          required
          defaultValue={state.status === "error" ? state.url : ""}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? "webhook-url-help webhook-url-error" : "webhook-url-help"}
          className={input}
        />
        {urlError && (
          <p id="webhook-url-error" className="text-sm font-medium text-red-700 dark:text-red-400">
            {urlError.join(" ")}
          </p>
        )}
      </div>
      <fieldset className="space-y-2">
        <legend className="font-semibold">Format</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="format" value="auto" defaultChecked className="h-4 w-4" /> Choose for me (Slack for
          hooks.slack.com, JSON otherwise)
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="format" value="json" className="h-4 w-4" /> JSON event document
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="format" value="slack" className="h-4 w-4" /> Slack message (<code>text</code> and{" "}
          <code>blocks</code>)
        </label>
      </fieldset>
      <ScopeFields choices={choices} scope={scope} error={state.fields?.scope} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Checking the URL…" : "Subscribe the webhook"}
      </button>
    </form>
  );
}
