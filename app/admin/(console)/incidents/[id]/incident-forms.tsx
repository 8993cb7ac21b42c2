"use client";
// The forms on an incident's page: post an update (lifecycle status, message,
// impact, affected components), resolve after recovery, approve or dismiss a
// proposal. A conflict shows the incident as it is now and keeps what was typed.
import { useActionState } from "react";
import { INCIDENT_STATUS_LABEL, nextIncidentStatuses } from "@/lib/domain/incident-lifecycle.ts";
import { STATUS_LABEL } from "@/lib/domain/status.ts";
import type { IncidentDetail } from "@/lib/incidents/get-incident.ts";
import { IMPACT_LABEL, LifecycleBadge, PriorityBadge, Utc } from "../../../_components/badges.tsx";
import { describedBy, INPUT_CLASS } from "../../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../../_components/form-parts.tsx";
import { type FormState, firstError, IDLE, typedValue } from "../../../_lib/form-state.ts";
import { approveProposalAction, dismissProposalAction, postUpdateAction } from "../actions.ts";
import { ComponentRegionPicker } from "../component-region-picker.tsx";
import { affectedError, type PickerData, selectedFrom } from "../picker-data.ts";

const IMPACTS = ["critical", "major", "minor", "none"] as const;

/** After a conflict: what the incident looks like now, so the engineer can decide again. */
function CurrentState({ state }: { state: FormState }) {
  const current = state.current as IncidentDetail | undefined;
  if (!current || typeof current !== "object" || !("version" in current)) return null;
  const latest = current.updates.at(-1);
  return (
    <section
      aria-label="The incident as it is now"
      className="rounded border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
      data-testid="conflict-current"
    >
      <p className="font-semibold">As it is now:</p>
      <p className="mt-1 flex flex-wrap items-center gap-2">
        <PriorityBadge priority={current.priority} /> <LifecycleBadge status={current.status} /> impact{" "}
        {IMPACT_LABEL[current.impact].toLowerCase()} · {current.title}
      </p>
      <p className="mt-1">
        Affected:{" "}
        {current.componentRegions
          .map((cr) => `${cr.componentName} in ${cr.regionKey}: ${STATUS_LABEL[cr.status].toLowerCase()}`)
          .join("; ")}
      </p>
      {latest && (
        <p className="mt-1">
          Latest update (<Utc at={latest.createdAt} />
          {latest.author ? ` by ${latest.author.name ?? latest.author.email}` : ""}): “{latest.message}”
        </p>
      )}
      <p className="mt-1">Your text is still below. Check it against the above and send it again if it still holds.</p>
    </section>
  );
}

function Hidden({ incident, state }: { incident: IncidentDetail; state: FormState }) {
  const current = state.current as IncidentDetail | undefined;
  return (
    <>
      <input type="hidden" name="incidentId" value={incident.id} />
      <input type="hidden" name="expectedVersion" value={String(Math.max(incident.version, current?.version ?? 0))} />
    </>
  );
}

/**
 * What a select shows after an error: the person's own choice, but where they
 * left the old default untouched and the incident moved on, the new state.
 */
function chosen(kept: FormState, field: string, now: string): string {
  const value = typedValue(kept, field, now);
  return value === typedValue(kept, `base.${field}`, "\u0000") ? now : value;
}

function selectionKey(selection: Record<string, string>): string {
  return JSON.stringify(
    Object.entries(selection)
      .filter(([, status]) => status !== "")
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function UpdateForm({ incident, picker }: { incident: IncidentDetail; picker: PickerData }) {
  const [state, action] = useActionState(postUpdateAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  const statuses = nextIncidentStatuses(incident.status);
  const current = Object.fromEntries(incident.componentRegions.map((cr) => [cr.componentRegionId, cr.status]));
  const keptSelection = kept.values ? selectedFrom(kept.values) : null;
  // Affected components the person did not touch follow the incident as it is now.
  const selection =
    keptSelection && selectionKey(keptSelection) !== typedValue(kept, "base.affected") ? keptSelection : current;
  return (
    <form action={action} key={`${state.seq}`} noValidate className="space-y-4" aria-label="Post an update">
      <Hidden incident={incident} state={state} />
      <input type="hidden" name="base.status" value={incident.status} />
      <input type="hidden" name="base.impact" value={incident.impact} />
      <input type="hidden" name="base.affected" value={selectionKey(current)} />
      <FormMessage state={state} />
      <CurrentState state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="update-status" label="Status" error={firstError(state, "status")}>
          <select
            name="status"
            defaultValue={chosen(kept, "status", incident.status)}
            className={INPUT_CLASS}
            {...describedBy("update-status", firstError(state, "status"))}
          >
            {statuses.map((status) => (
              <option key={status} value={status}>
                {INCIDENT_STATUS_LABEL[status]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="update-impact" label="Impact" error={firstError(state, "impact")}>
          <select
            name="impact"
            defaultValue={chosen(kept, "impact", incident.impact)}
            className={INPUT_CLASS}
            {...describedBy("update-impact", firstError(state, "impact"))}
          >
            {IMPACTS.map((impact) => (
              <option key={impact} value={impact}>
                {IMPACT_LABEL[impact]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        id="update-message"
        label="Message"
        error={firstError(state, "message")}
        hint="Readers and subscribers read this."
      >
        <textarea
          name="message"
          rows={4}
          defaultValue={typedValue(kept, "message")}
          className={INPUT_CLASS}
          {...describedBy("update-message", firstError(state, "message"), true)}
        />
      </Field>
      <details
        className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
        open={Boolean(affectedError(state.fields))}
      >
        <summary className="cursor-pointer font-medium">Change affected components and their statuses</summary>
        <div className="mt-3">
          <ComponentRegionPicker data={picker} selected={selection} error={affectedError(state.fields)} />
        </div>
      </details>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="notifySubscribers"
          defaultChecked={state.status !== "error" || kept.values?.notifySubscribers === "on"}
          className="h-5 w-5"
        />
        Email subscribers
      </label>
      <SubmitButton pendingLabel="Posting…">Post update</SubmitButton>
    </form>
  );
}

export function ResolveForm({ incident }: { incident: IncidentDetail }) {
  const [state, action] = useActionState(postUpdateAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form action={action} key={state.seq} className="mt-3 space-y-3" aria-label="Resolve after recovery">
      <Hidden incident={incident} state={state} />
      <input type="hidden" name="status" value="resolved" />
      {incident.componentRegions.map((cr) => (
        <input key={cr.componentRegionId} type="hidden" name={`cr.${cr.componentRegionId}`} value={cr.status} />
      ))}
      <input type="hidden" name="notifySubscribers" value="on" />
      <FormMessage state={state} />
      <CurrentState state={state} />
      <Field id="resolve-message" label="Message" error={firstError(state, "message")}>
        <textarea
          name="message"
          rows={2}
          defaultValue={typedValue(
            kept,
            "message",
            "The problem is fixed and our probes confirm recovery everywhere it was seen. This incident is resolved.",
          )}
          className={INPUT_CLASS}
          {...describedBy("resolve-message", firstError(state, "message"))}
        />
      </Field>
      <SubmitButton pendingLabel="Resolving…">Resolve incident</SubmitButton>
    </form>
  );
}

export function ApproveForm({ incident }: { incident: IncidentDetail }) {
  const [state, action] = useActionState(approveProposalAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form action={action} key={state.seq} noValidate className="space-y-3" aria-label="Approve the proposal">
      <Hidden incident={incident} state={state} />
      <FormMessage state={state} />
      <CurrentState state={state} />
      <Field id="approve-title" label="Title" error={firstError(state, "title")}>
        <input
          name="title"
          type="text"
          defaultValue={typedValue(kept, "title", incident.title)}
          className={INPUT_CLASS}
          {...describedBy("approve-title", firstError(state, "title"))}
        />
      </Field>
      <Field id="approve-impact" label="Impact" error={firstError(state, "impact")}>
        <select
          name="impact"
          defaultValue={typedValue(kept, "impact", incident.impact)}
          className={INPUT_CLASS}
          {...describedBy("approve-impact", firstError(state, "impact"))}
        >
          {IMPACTS.map((impact) => (
            <option key={impact} value={impact}>
              {IMPACT_LABEL[impact]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="approve-message"
        label="First public message (optional)"
        error={firstError(state, "message")}
        hint="Left empty, readers see that monitoring detected a problem and you are investigating."
      >
        <textarea
          name="message"
          rows={3}
          defaultValue={typedValue(kept, "message")}
          className={INPUT_CLASS}
          {...describedBy("approve-message", firstError(state, "message"), true)}
        />
      </Field>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="notifySubscribers"
          defaultChecked={state.status !== "error" || kept.values?.notifySubscribers === "on"}
          className="h-5 w-5"
        />
        Email subscribers
      </label>
      <SubmitButton pendingLabel="Approving…">Approve and publish</SubmitButton>
    </form>
  );
}

export function DismissForm({ incident }: { incident: IncidentDetail }) {
  const [state, action] = useActionState(dismissProposalAction, IDLE);
  const kept = state.status === "error" ? state : IDLE;
  return (
    <form action={action} key={state.seq} noValidate className="space-y-3" aria-label="Dismiss the proposal">
      <Hidden incident={incident} state={state} />
      <FormMessage state={state} />
      <CurrentState state={state} />
      <Field id="dismiss-reason" label="Why is this not an incident?" error={firstError(state, "reason")}>
        <input
          name="reason"
          type="text"
          defaultValue={typedValue(kept, "reason")}
          className={INPUT_CLASS}
          {...describedBy("dismiss-reason", firstError(state, "reason"))}
        />
      </Field>
      <SubmitButton tone="secondary" pendingLabel="Dismissing…">
        Dismiss
      </SubmitButton>
    </form>
  );
}
