"use client";
// A small form for one action on one thing (star an entry, move an action
// item on, submit for review): hidden fields, a button, and its own answer.
import { type ReactNode, useActionState } from "react";
import { FormMessage, SubmitButton } from "../../../../_components/form-parts.tsx";
import { type FormState, IDLE } from "../../../../_lib/form-state.ts";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function InlineForm({
  action,
  fields,
  label,
  pendingLabel,
  tone = "secondary",
  ariaLabel,
  children,
  showSuccess = false,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  tone?: "primary" | "secondary" | "danger";
  ariaLabel?: string;
  children?: ReactNode;
  showSuccess?: boolean;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === "error" ? Object.values(state.fields ?? {}).flat() : [];
  return (
    <form action={formAction} aria-label={ariaLabel} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton tone={tone} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      {(state.status === "error" || showSuccess) && <FormMessage state={state} />}
      {errors.length > 0 && (
        <ul className="text-sm font-medium text-red-700 dark:text-red-400">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
