"use client";
// The users page's forms: add a person, change a role, disable or enable.
import { useActionState } from "react";
import { ROLE_LABEL, type Role } from "@/lib/domain/roles.ts";
import { describedBy, INPUT_CLASS } from "../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { firstError, IDLE, typedValue } from "../../_lib/form-state.ts";
import { addUserAction, changeRoleAction, setDisabledAction } from "./actions.ts";

const ROLES = Object.keys(ROLE_LABEL) as Role[];

export function AddUserForm() {
  const [state, action] = useActionState(addUserAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form action={action} key={state.seq} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Add a user">
      <Field id="new-email" label="Email address" error={firstError(state, "email")}>
        <input
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={typedValue(kept, "email")}
          className={INPUT_CLASS}
          {...describedBy("new-email", firstError(state, "email"))}
        />
      </Field>
      <Field id="new-name" label="Name (optional)" error={firstError(state, "name")}>
        <input
          name="name"
          type="text"
          defaultValue={typedValue(kept, "name")}
          className={INPUT_CLASS}
          {...describedBy("new-name", firstError(state, "name"))}
        />
      </Field>
      <Field id="new-role" label="Role" error={firstError(state, "role")}>
        <select
          name="role"
          defaultValue={typedValue(kept, "role", "VIEWER")}
          className={INPUT_CLASS}
          {...describedBy("new-role", firstError(state, "role"))}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABEL[role]}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex items-end">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="invite"
            defaultChecked={state.status !== "error" || kept.values?.invite === "on"}
            className="h-5 w-5"
          />
          Email them how to sign in
        </label>
      </div>
      <div className="space-y-3 sm:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
      </div>
    </form>
  );
}

export function RoleForm({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const [state, action] = useActionState(changeRoleAction, IDLE);
  return (
    <form action={action} key={`${state.seq}-${role}`} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="expectedRole" value={role} />
      <label htmlFor={`role-${userId}`} className="sr-only">
        Role of {email}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <SubmitButton tone="secondary">Save role</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function DisableForm({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const [state, action] = useActionState(setDisabledAction, IDLE);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <SubmitButton tone={disabled ? "secondary" : "danger"}>
        {disabled ? "Enable" : "Disable"}
        <span className="sr-only"> {email}</span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
