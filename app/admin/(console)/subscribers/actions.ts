"use server";
// The subscribers console's actions: each checks the role first (403 otherwise),
// then calls one library verb, which checks it again and audits the change.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db.ts";
import { removeSubscriber } from "@/lib/subscribers/remove-subscriber.ts";
import { unsuppressSubscriber } from "@/lib/subscribers/unsuppress-subscriber.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { errorState } from "../../_lib/form-errors.ts";
import { type FormState, formValues, success, untrusted } from "../../_lib/form-state.ts";

// POST /admin/subscribers – remove a subscriber and their outbox rows
export async function removeSubscriberAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("subscriber.manage");
  const values = formValues(formData);
  try {
    await removeSubscriber(db(), actor, untrusted(values));
  } catch (error) {
    return errorState(previous, error, values);
  }
  // The row (and on its own page, the page) is gone: the list says so. No address in the URL.
  revalidatePath("/admin/subscribers");
  redirect("/admin/subscribers?removed=1");
}

// POST /admin/subscribers – lift a subscriber's suppression
export async function unsuppressSubscriberAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("subscriber.manage");
  const values = formValues(formData);
  try {
    await unsuppressSubscriber(db(), actor, untrusted(values));
    revalidatePath("/admin/subscribers");
    return success(previous, "No longer suppressed: the next events will be delivered.");
  } catch (error) {
    return errorState(previous, error, values);
  }
}
