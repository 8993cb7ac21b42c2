"use client";
// Schedule a maintenance window, and move one on by hand.
import { useActionState } from "react";
import { MAINTENANCE_STATUS_LABEL, nextMaintenanceStatuses } from "@/lib/domain/maintenance-lifecycle.ts";
import type { MaintenanceDetail } from "@/lib/maintenance/get-maintenance.ts";
import { describedBy, INPUT_CLASS } from "../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { type FormState, firstError, IDLE, typedValue } from "../../_lib/form-state.ts";
import type { PickerData } from "../incidents/picker-data.ts";
import { scheduleMaintenanceAction, transitionMaintenanceAction } from "./actions.ts";

function keptList(state: FormState, field: string): string[] {
  const value = state.values?.[field];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function ComponentRegionChecklist({ data, checked, error }: { data: PickerData; checked: string[]; error?: string }) {
  return (
    <fieldset className="space-y-3" aria-describedby={error ? "maintained-error" : undefined}>
      <legend className="font-medium">Components under maintenance, by region</legend>
      {error && (
        <p id="maintained-error" className="text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {data.products.map((product) => (
        <fieldset key={product.key} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 font-semibold">{product.name}</legend>
          <ul className="space-y-2">
            {product.components.map((component) => (
              <li key={component.key}>
                <p className="text-sm font-medium">{component.name}</p>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {component.cells.map((cell) => (
                    <label key={cell.componentRegionId} className="flex items-center gap-1.5 text-sm">
                      <input
                        type="checkbox"
                        name="componentRegionIds"
                        value={cell.componentRegionId}
                        defaultChecked={checked.includes(cell.componentRegionId)}
                        className="h-4 w-4"
                      />
                      <span className="sr-only">{component.name} in </span>
                      {cell.regionKey}
                    </label>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </fieldset>
  );
}

export function ScheduleMaintenanceForm({ picker, noticeHours }: { picker: PickerData; noticeHours: number }) {
  const [state, action] = useActionState(scheduleMaintenanceAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  const checkbox = (name: string, fallback: boolean) => (kept.values ? kept.values[name] === "on" : fallback);
  return (
    <form action={action} key={state.seq} noValidate className="space-y-5" aria-label="Schedule maintenance">
      <FormMessage state={state} />
      <Field id="m-title" label="Title" error={firstError(state, "title")}>
        <input
          name="title"
          type="text"
          defaultValue={typedValue(kept, "title")}
          className={INPUT_CLASS}
          {...describedBy("m-title", firstError(state, "title"))}
        />
      </Field>
      <Field id="m-description" label="What readers are told" error={firstError(state, "description")}>
        <textarea
          name="description"
          rows={3}
          defaultValue={typedValue(kept, "description")}
          className={INPUT_CLASS}
          {...describedBy("m-description", firstError(state, "description"))}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="m-start"
          label="Starts (UTC)"
          error={firstError(state, "scheduledStart")}
          hint={`At least ${noticeHours} hours from now, unless urgent.`}
        >
          <input
            name="scheduledStart"
            type="datetime-local"
            defaultValue={typedValue(kept, "scheduledStart")}
            className={INPUT_CLASS}
            {...describedBy("m-start", firstError(state, "scheduledStart"), true)}
          />
        </Field>
        <Field id="m-end" label="Ends (UTC)" error={firstError(state, "scheduledEnd")}>
          <input
            name="scheduledEnd"
            type="datetime-local"
            defaultValue={typedValue(kept, "scheduledEnd")}
            className={INPUT_CLASS}
            {...describedBy("m-end", firstError(state, "scheduledEnd"))}
          />
        </Field>
      </div>
      <ComponentRegionChecklist
        data={picker}
        checked={keptList(kept, "componentRegionIds")}
        error={firstError(state, "componentRegionIds")}
      />
      <div className="space-y-2">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="autoTransition"
            defaultChecked={checkbox("autoTransition", true)}
            className="h-5 w-5"
          />
          Start and complete on schedule by itself
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="notifySubscribers"
            defaultChecked={checkbox("notifySubscribers", true)}
            className="h-5 w-5"
          />
          Email subscribers
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="urgent" defaultChecked={checkbox("urgent", false)} className="h-5 w-5" />
          Urgent: skip the {noticeHours}-hour notice
        </label>
      </div>
      <SubmitButton pendingLabel="Scheduling…">Schedule maintenance</SubmitButton>
    </form>
  );
}

export function TransitionForm({ maintenance }: { maintenance: MaintenanceDetail }) {
  const [state, action] = useActionState(transitionMaintenanceAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  const current = state.current as MaintenanceDetail | undefined;
  const version = Math.max(maintenance.version, current?.version ?? 0);
  return (
    <form action={action} key={state.seq} noValidate className="space-y-4" aria-label="Move the maintenance on">
      <input type="hidden" name="maintenanceId" value={maintenance.id} />
      <input type="hidden" name="expectedVersion" value={String(version)} />
      <input type="hidden" name="base.autoTransition" value={maintenance.autoTransition ? "on" : "off"} />
      <FormMessage state={state} />
      <Field id="t-status" label="Status" error={firstError(state, "status")}>
        <select
          name="status"
          defaultValue={typedValue(kept, "status", maintenance.status)}
          className={INPUT_CLASS}
          {...describedBy("t-status", firstError(state, "status"))}
        >
          {nextMaintenanceStatuses(maintenance.status).map((status) => (
            <option key={status} value={status}>
              {status === maintenance.status
                ? `${MAINTENANCE_STATUS_LABEL[status]} (post an update)`
                : MAINTENANCE_STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="t-message" label="Message (optional when the status changes)" error={firstError(state, "message")}>
        <textarea
          name="message"
          rows={3}
          defaultValue={typedValue(kept, "message")}
          className={INPUT_CLASS}
          {...describedBy("t-message", firstError(state, "message"))}
        />
      </Field>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="autoTransition"
          defaultChecked={kept.values ? kept.values.autoTransition === "on" : maintenance.autoTransition}
          className="h-5 w-5"
        />
        Start and complete on schedule by itself
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="notifySubscribers"
          defaultChecked={kept.values ? kept.values.notifySubscribers === "on" : true}
          className="h-5 w-5"
        />
        Email subscribers
      </label>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
