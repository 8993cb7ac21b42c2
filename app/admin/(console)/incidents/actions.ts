"use server";
// The incident pages' actions. Each asks requireActor("incident.write") first
// (a viewer's or account manager's POST gets 403 and changes nothing), then
// one library verb, which checks the permission again and audits the change.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db.ts";
import { approveProposal } from "@/lib/incidents/approve-proposal.ts";
import { declareIncident } from "@/lib/incidents/declare-incident.ts";
import { dismissProposal } from "@/lib/incidents/dismiss-proposal.ts";
import { postIncidentUpdate } from "@/lib/incidents/post-incident-update.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { errorState } from "../../_lib/form-errors.ts";
import { type FormState, type FormValues, formValues, success, untrusted } from "../../_lib/form-state.ts";
import { chosenComponentRegions } from "./picker-data.ts";

/** An empty optional field means "leave it as it is". */
function optional(value: FormValues[string] | undefined): FormValues[string] | undefined {
  return value === "" ? undefined : value;
}

function version(values: FormValues): number | undefined {
  return typeof values.expectedVersion === "string" ? Number(values.expectedVersion) : undefined;
}

function refresh(incidentId: unknown) {
  revalidatePath("/admin/incidents");
  if (typeof incidentId === "string") revalidatePath(`/admin/incidents/${incidentId}`);
}

export async function declareIncidentAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("incident.write");
  const values = formValues(formData);
  let incidentId: string;
  try {
    const detail = await declareIncident(
      db(),
      actor,
      untrusted({
        title: values.title,
        impact: values.impact,
        status: values.status,
        message: values.message,
        componentRegions: chosenComponentRegions(values),
        notifySubscribers: values.notifySubscribers === "on",
      }),
    );
    incidentId = detail.id;
  } catch (error) {
    return errorState(previous, error, values);
  }
  refresh(incidentId);
  redirect(`/admin/incidents/${incidentId}`);
}

export async function postUpdateAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("incident.write");
  const values = formValues(formData);
  try {
    const detail = await postIncidentUpdate(
      db(),
      actor,
      untrusted({
        incidentId: values.incidentId,
        expectedVersion: version(values),
        status: values.status,
        message: values.message,
        impact: optional(values.impact),
        componentRegions: chosenComponentRegions(values),
        notifySubscribers: values.notifySubscribers === "on",
      }),
    );
    refresh(detail.id);
    return success(
      previous,
      detail.status === "resolved" ? "Resolved. Readers see the incident as resolved." : "Update posted.",
    );
  } catch (error) {
    refresh(values.incidentId);
    return errorState(previous, error, values);
  }
}

export async function approveProposalAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("incident.write");
  const values = formValues(formData);
  try {
    const detail = await approveProposal(
      db(),
      actor,
      untrusted({
        incidentId: values.incidentId,
        expectedVersion: version(values),
        title: optional(values.title),
        impact: optional(values.impact),
        message: optional(values.message),
        notifySubscribers: values.notifySubscribers === "on",
      }),
    );
    refresh(detail.id);
    return success(previous, "Approved: the incident is public now.");
  } catch (error) {
    refresh(values.incidentId);
    return errorState(previous, error, values);
  }
}

export async function dismissProposalAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("incident.write");
  const values = formValues(formData);
  try {
    await dismissProposal(
      db(),
      actor,
      untrusted({ incidentId: values.incidentId, expectedVersion: version(values), reason: values.reason }),
    );
    refresh(values.incidentId);
    return success(previous, "Dismissed. It never became public.");
  } catch (error) {
    refresh(values.incidentId);
    return errorState(previous, error, values);
  }
}
