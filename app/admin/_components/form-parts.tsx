"use client";
// Pieces every console form uses: a labelled field with its own error
// message, the form's message, and a submit button that shows it is busy.
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "../_lib/form-state.ts";

export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

// While the form is being submitted again, the last answer no longer speaks
// for it: a "Saved." left standing would claim a save that has not happened.
export function FormMessage({ state }: { state: FormState }) {
  const { pending } = useFormStatus();
  if (!state.message || pending) return null;
  const ok = state.status === "success";
  return (
    <p
      role={ok ? "status" : "alert"}
      className={`rounded border-l-4 px-3 py-2 text-sm ${
        ok
          ? "border-emerald-600 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
          : "border-red-600 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-100"
      }`}
    >
      {state.message}
    </p>
  );
}

export function SubmitButton({
  children,
  tone = "primary",
  pendingLabel,
}: {
  children: ReactNode;
  tone?: "primary" | "secondary" | "danger";
  pendingLabel?: string;
}) {
  const { pending } = useFormStatus();
  const tones = {
    primary: "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900",
    secondary: "border border-slate-400 text-slate-900 dark:border-slate-500 dark:text-slate-100",
    danger: "bg-red-700 text-white",
  };
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded px-4 py-2 text-sm font-semibold disabled:opacity-60 ${tones[tone]}`}
    >
      {pending ? (pendingLabel ?? "Saving…") : children}
    </button>
  );
}
