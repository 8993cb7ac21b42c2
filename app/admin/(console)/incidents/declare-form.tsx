"use client";
// Declare an incident: what readers will read, which components in which
// regions, and the priority that follows, shown before it is saved.
import { useActionState, useState } from "react";
import { INCIDENT_STATUS_LABEL, INCIDENT_STATUSES } from "@/lib/domain/incident-lifecycle.ts";
import { IMPACT_LABEL, PriorityBadge } from "../../_components/badges.tsx";
import { describedBy, INPUT_CLASS } from "../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { firstError, IDLE, typedValue } from "../../_lib/form-state.ts";
import { declareIncidentAction } from "./actions.ts";
import { ComponentRegionPicker } from "./component-region-picker.tsx";
import { affectedError, type PickerData, selectedFrom } from "./picker-data.ts";
import { previewPriority } from "./priority-preview.ts";

export function DeclareIncidentForm({ picker }: { picker: PickerData }) {
  const [state, action] = useActionState(declareIncidentAction, IDLE);
  const [preview, setPreview] = useState<ReturnType<typeof previewPriority>>(null);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form
      action={action}
      key={state.seq}
      noValidate
      className="space-y-5"
      onChange={(event) => setPreview(previewPriority(picker, new FormData(event.currentTarget)))}
      aria-label="Declare an incident"
    >
      <FormMessage state={state} />
      <Field
        id="title"
        label="Title"
        error={firstError(state, "title")}
        hint="What readers see first, e.g. “Checkout failing in us-central1”."
      >
        <input
          name="title"
          type="text"
          defaultValue={typedValue(kept, "title")}
          className={INPUT_CLASS}
          {...describedBy("title", firstError(state, "title"), true)}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="impact" label="Impact" error={firstError(state, "impact")}>
          <select
            name="impact"
            defaultValue={typedValue(kept, "impact", "major")}
            className={INPUT_CLASS}
            {...describedBy("impact", firstError(state, "impact"))}
          >
            {(["critical", "major", "minor", "none"] as const).map((impact) => (
              <option key={impact} value={impact}>
                {IMPACT_LABEL[impact]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="status" label="Status" error={firstError(state, "status")}>
          <select
            name="status"
            defaultValue={typedValue(kept, "status", "investigating")}
            className={INPUT_CLASS}
            {...describedBy("status", firstError(state, "status"))}
          >
            {INCIDENT_STATUSES.filter((s) => s !== "resolved").map((status) => (
              <option key={status} value={status}>
                {INCIDENT_STATUS_LABEL[status]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ComponentRegionPicker data={picker} selected={selectedFrom(kept.values)} error={affectedError(state.fields)} />
      <p
        aria-live="polite"
        className="rounded border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
        data-testid="priority-preview"
      >
        {preview ? (
          <>
            It will be <PriorityBadge priority={preview.priority} /> — {preview.tier === "TIER_1" ? "tier 1" : "tier 2"}
            , {preview.regions} region{preview.regions === 1 ? "" : "s"}.
          </>
        ) : (
          "Choose the affected components and the impact to see the priority."
        )}
      </p>
      <Field
        id="message"
        label="First message"
        error={firstError(state, "message")}
        hint="Readers and subscribers read this. Say what is affected and what you are doing."
      >
        <textarea
          name="message"
          rows={5}
          defaultValue={typedValue(kept, "message")}
          className={INPUT_CLASS}
          {...describedBy("message", firstError(state, "message"), true)}
        />
      </Field>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="notifySubscribers"
          defaultChecked={state.status !== "error" || kept.values?.notifySubscribers === "on"}
          className="h-5 w-5"
        />
        Email subscribers who follow these components and regions
      </label>
      <SubmitButton pendingLabel="Declaring…">Declare incident</SubmitButton>
    </form>
  );
}
