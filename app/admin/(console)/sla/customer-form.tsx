"use client";
// Add a customer: a key for scripts and the CLI, and the name people read.
import { useActionState } from "react";
import { describedBy, INPUT_CLASS } from "../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { type FormState, firstError, IDLE, typedValue } from "../../_lib/form-state.ts";
import { createCustomerAction } from "./actions.ts";

export function CustomerForm() {
  const [state, action] = useActionState<FormState, FormData>(createCustomerAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form action={action} key={state.seq} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Add a customer">
      <Field id="customer-name" label="Name" error={firstError(state, "name")}>
        <input
          name="name"
          type="text"
          autoComplete="off"
          defaultValue={typedValue(kept, "name")}
          className={INPUT_CLASS}
          {...describedBy("customer-name", firstError(state, "name"))}
        />
      </Field>
      <Field
        id="customer-key"
        label="Key"
        error={firstError(state, "key")}
        hint="Lower-case letters, digits and dashes, e.g. northwind-retail. Used by the CLI; it cannot change."
      >
        <input
          name="key"
          type="text"
          autoComplete="off"
          defaultValue={typedValue(kept, "key")}
          className={INPUT_CLASS}
          {...describedBy("customer-key", firstError(state, "key"), true)}
        />
      </Field>
      <div className="space-y-3 sm:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Adding…">Add customer</SubmitButton>
      </div>
    </form>
  );
}
