"use server";
// The maintenance pages' actions: requireActor("maintenance.write") first (403
// otherwise), then one library verb, which checks again and audits.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db.ts";
import { scheduleMaintenance } from "@/lib/maintenance/schedule-maintenance.ts";
import { transitionMaintenance } from "@/lib/maintenance/transition-maintenance.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { errorState } from "../../_lib/form-errors.ts";
import { type FormState, type FormValues, formValues, success, untrusted } from "../../_lib/form-state.ts";

/** A datetime-local field, read as UTC (the form says so); empty stays empty for zod to name. */
function utc(value: FormValues[string] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? `${value}Z` : undefined;
}

function list(value: FormValues[string] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export async function scheduleMaintenanceAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("maintenance.write");
  const values = formValues(formData);
  let id: string;
  try {
    const detail = await scheduleMaintenance(
      db(),
      actor,
      untrusted({
        title: values.title,
        description: values.description,
        scheduledStart: utc(values.scheduledStart),
        scheduledEnd: utc(values.scheduledEnd),
        componentRegionIds: list(values.componentRegionIds),
        autoTransition: values.autoTransition === "on",
        notifySubscribers: values.notifySubscribers === "on",
        urgent: values.urgent === "on",
      }),
    );
    id = detail.id;
  } catch (error) {
    return errorState(previous, error, values);
  }
  revalidatePath("/admin/maintenance");
  redirect(`/admin/maintenance/${id}`);
}

/** The checkbox, only when the person changed it (an unchecked box sends nothing). */
function autoTransitionChange(values: FormValues): boolean | undefined {
  const checked = values.autoTransition === "on";
  return checked === (values["base.autoTransition"] === "on") ? undefined : checked;
}

export async function transitionMaintenanceAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("maintenance.write");
  const values = formValues(formData);
  try {
    const detail = await transitionMaintenance(
      db(),
      actor,
      untrusted({
        maintenanceId: values.maintenanceId,
        expectedVersion: typeof values.expectedVersion === "string" ? Number(values.expectedVersion) : undefined,
        status: values.status,
        message: values.message === "" ? undefined : values.message,
        autoTransition: autoTransitionChange(values),
        notifySubscribers: values.notifySubscribers === "on",
      }),
    );
    revalidatePath("/admin/maintenance");
    revalidatePath(`/admin/maintenance/${detail.id}`);
    return success(previous, "Saved.");
  } catch (error) {
    if (typeof values.maintenanceId === "string") revalidatePath(`/admin/maintenance/${values.maintenanceId}`);
    return errorState(previous, error, values);
  }
}
