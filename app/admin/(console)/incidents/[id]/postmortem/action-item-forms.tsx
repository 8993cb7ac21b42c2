"use client";
// Add an action item: title, owner, due date, priority, type, tracker link,
// and whether readers see it under Corrective and preventative measures.
import { useActionState } from "react";
import { ACTION_ITEM_TYPE_LABEL, ACTION_ITEM_TYPES } from "@/lib/domain/postmortem-action-items.ts";
import type { AssignableUser } from "@/lib/postmortems/types.ts";
import { describedBy, INPUT_CLASS } from "../../../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../../../_components/form-parts.tsx";
import { firstError, IDLE, typedValue } from "../../../../_lib/form-state.ts";
import { createActionItemAction } from "./actions.ts";

const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;

export function AddActionItemForm({
  postmortemId,
  incidentId,
  owners,
  defaultOwnerId,
}: {
  postmortemId: string;
  incidentId: string;
  owners: AssignableUser[];
  defaultOwnerId: string;
}) {
  const [state, action] = useActionState(createActionItemAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  const err = (field: string) => firstError(state, field);
  return (
    <form action={action} key={state.seq} noValidate className="space-y-3" aria-label="Add an action item">
      <input type="hidden" name="postmortemId" value={postmortemId} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={state} />
      <Field id="item-title" label="Title" error={err("title")}>
        <input
          type="text"
          name="title"
          defaultValue={typedValue(kept, "title")}
          className={INPUT_CLASS}
          {...describedBy("item-title", err("title"))}
        />
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="item-owner" label="Owner" error={err("ownerId")}>
          <select
            name="ownerId"
            defaultValue={typedValue(kept, "ownerId", defaultOwnerId)}
            className={INPUT_CLASS}
            {...describedBy("item-owner", err("ownerId"))}
          >
            <option value="">Choose…</option>
            {owners.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name ?? u.email}
              </option>
            ))}
          </select>
        </Field>
        <Field id="item-due" label="Due date" error={err("dueDate")}>
          <input
            type="date"
            name="dueDate"
            defaultValue={typedValue(kept, "dueDate")}
            className={INPUT_CLASS}
            {...describedBy("item-due", err("dueDate"))}
          />
        </Field>
        <Field id="item-priority" label="Priority" error={err("priority")}>
          <select
            name="priority"
            defaultValue={typedValue(kept, "priority", "P3")}
            className={INPUT_CLASS}
            {...describedBy("item-priority", err("priority"))}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        <Field id="item-type" label="Type" error={err("type")}>
          <select
            name="type"
            defaultValue={typedValue(kept, "type", "prevent")}
            className={INPUT_CLASS}
            {...describedBy("item-type", err("type"))}
          >
            {ACTION_ITEM_TYPES.map((t) => (
              <option key={t} value={t}>
                {ACTION_ITEM_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </Field>
        <div className="sm:col-span-2">
          <Field id="item-tracker" label="Tracker link (optional)" error={err("trackerUrl")}>
            <input
              type="url"
              name="trackerUrl"
              defaultValue={typedValue(kept, "trackerUrl")}
              placeholder="https://tracker.example.com/OPS-123"
              className={INPUT_CLASS}
              {...describedBy("item-tracker", err("trackerUrl"))}
            />
          </Field>
        </div>
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="isPublic" defaultChecked={kept.values?.isPublic === "on"} className="h-5 w-5" />
        Public: readers see it, with its state, under Corrective and preventative measures
      </label>
      <SubmitButton pendingLabel="Adding…">Add action item</SubmitButton>
    </form>
  );
}
