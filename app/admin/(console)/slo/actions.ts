"use server";
// The signed-in engineer's own burn-rate alert email setting.
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { setBurnAlertEmails } from "@/lib/users/set-burn-alert-emails.ts";
import { errorState } from "../../_lib/form-errors.ts";
import { type FormState, formValues, success } from "../../_lib/form-state.ts";

export async function setBurnAlertEmailsAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("console.read");
  const values = formValues(formData);
  try {
    const enabled = await setBurnAlertEmails(db(), actor, { enabled: values.enabled === "on" });
    revalidatePath("/admin/slo");
    return success(
      previous,
      enabled
        ? "You will get an email when a burn-rate alert fires."
        : "You will no longer get burn-rate alert emails.",
    );
  } catch (error) {
    return errorState(previous, error, values);
  }
}
