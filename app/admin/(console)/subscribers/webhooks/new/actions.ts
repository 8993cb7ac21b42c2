"use server";
// Add a webhook subscriber (ADMIN): checks the role first (403 otherwise), then one library verb,
// which checks it again, refuses URLs webhooks may not reach, and audits the change.
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { addWebhookSubscriber } from "@/lib/subscribers/add-webhook-subscriber.ts";
import { webhookOptions } from "@/lib/subscribers/settings.ts";
import { errorState } from "../../../../_lib/form-errors.ts";
import { type FormState, formValues, success } from "../../../../_lib/form-state.ts";
import { scopeFromForm } from "../../../../../(public)/subscribe/scope-from-form.ts";

export interface AddWebhookState extends FormState {
  /** The signing secret: in this answer only. */
  secret?: string;
  url?: string;
}

export async function addWebhookAction(previous: AddWebhookState, formData: FormData): Promise<AddWebhookState> {
  const actor = await requireActor("subscriber.manage");
  const values = formValues(formData);
  const chosen = formData.get("format");
  try {
    const added = await addWebhookSubscriber(
      db(),
      actor,
      {
        url: String(formData.get("url") ?? ""),
        format: chosen === "json" || chosen === "slack" ? chosen : undefined,
        scope: scopeFromForm(formData),
      },
      { now: new Date(), webhook: webhookOptions() },
    );
    revalidatePath("/admin/subscribers");
    return {
      ...success(previous, `Added ${added.url} (${added.format === "slack" ? "Slack" : "JSON"}).`),
      secret: added.secret,
      url: added.url,
    };
  } catch (error) {
    return errorState(previous, error, values);
  }
}
