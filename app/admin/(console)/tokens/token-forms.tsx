"use client";
// Make a token (shown once, with a copy button and a curl line that uses it)
// and revoke one.
import { useActionState, useState } from "react";
import { describedBy, INPUT_CLASS } from "../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { type FormState, firstError, IDLE, typedValue } from "../../_lib/form-state.ts";
import { createTokenAction, revokeTokenAction, type TokenFormState } from "./actions.ts";

function CopyField({
  id,
  label,
  value,
  multiline = false,
}: {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard (plain http, old browser): select the text so Ctrl+C works.
      (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.select();
    }
    setCopied(true);
  }
  const common = {
    id,
    readOnly: true,
    value,
    className: `${INPUT_CLASS} font-mono text-sm`,
    onFocus: (e: { currentTarget: { select(): void } }) => e.currentTarget.select(),
  };
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
        </div>
        <button
          type="button"
          onClick={copy}
          className="mt-1 rounded border border-slate-400 px-3 py-2 text-sm font-semibold dark:border-slate-500"
        >
          Copy<span className="sr-only"> {label.toLowerCase()}</span>
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {copied ? "Copied." : ""}
      </p>
    </div>
  );
}

export function CreateTokenForm({ exampleUrl }: { exampleUrl: string }) {
  const [state, action] = useActionState<TokenFormState, FormData>(createTokenAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <div className="space-y-4">
      <form action={action} key={state.seq} noValidate className="space-y-3" aria-label="Create an API token">
        <Field
          id="token-name"
          label="Name"
          error={firstError(state, "name")}
          hint="Say what will use it, e.g. “Billing export”."
        >
          <input
            name="name"
            type="text"
            autoComplete="off"
            defaultValue={typedValue(kept, "name")}
            className={INPUT_CLASS}
            {...describedBy("token-name", firstError(state, "name"), true)}
          />
        </Field>
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      {state.token && (
        <section
          aria-label="Your new token"
          className="space-y-3 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
          data-testid="new-token"
        >
          <p className="font-semibold">
            This is the only time the token is shown. Store it in your password manager or secret store now.
          </p>
          <CopyField id="new-token-value" label="Token" value={state.token} />
          <CopyField
            id="new-token-curl"
            label="Try it"
            value={`curl -H "Authorization: Bearer ${state.token}" ${exampleUrl}`}
            multiline
          />
        </section>
      )}
    </div>
  );
}

export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action] = useActionState<FormState, FormData>(revokeTokenAction, IDLE);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton tone="danger" pendingLabel="Revoking…">
        Revoke<span className="sr-only"> {name}</span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
