"use server";
// The subscription forms' server actions: thin — read the form, call lib/subscribers, map errors.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { db } from "@/lib/db.ts";
import { clientAddressOf } from "@/lib/http/client-address.ts";
import { confirmSubscription } from "@/lib/subscribers/confirm-subscription.ts";
import { smtpSubscriptionMailer } from "@/lib/mail/immediate.ts";
import { subscriberLinks } from "@/lib/subscribers/links.ts";
import { changeSubscription, unsubscribe } from "@/lib/subscribers/manage-subscription.ts";
import { checkSubscribeClient, subscribeLimits } from "@/lib/subscribers/rate-limits.ts";
import { requestSubscription } from "@/lib/subscribers/request-subscription.ts";
import { linkSettings, mailSettings } from "@/lib/subscribers/settings.ts";
import { CONFIRM_TTL_MS } from "@/lib/subscribers/tokens.ts";
import { errorState, type FormState } from "./form-state.ts";
import { scopeFromForm } from "./scope-from-form.ts";

// POST /subscribe – ask for status emails; the same answer whatever the address's state
export async function subscribeAction(_: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "").trim();
  try {
    // The address the web server determined (TRUSTED_PROXIES), never a header the client wrote.
    await checkSubscribeClient(db(), clientAddressOf(await headers()), new Date());
    const mail = mailSettings();
    await requestSubscription(
      db(),
      { email, scope: scopeFromForm(form) },
      { now: new Date(), mail, mailer: smtpSubscriptionMailer(mail), limits: subscribeLimits() },
    );
    return {
      status: "done",
      email,
      message: `Check your inbox: we have sent an email to ${email}. Follow its link within ${CONFIRM_TTL_MS / 3_600_000} hours to confirm. If the address is already subscribed, the email has a link to manage the subscription instead.`,
    };
  } catch (error) {
    return errorState(error, { email });
  }
}

// POST /subscribe/confirm – the click that confirms the address
export async function confirmAction(_: FormState, form: FormData): Promise<FormState> {
  try {
    const confirmed = await confirmSubscription(
      db(),
      { token: String(form.get("token") ?? ""), incidentId: String(form.get("incident") ?? "") || undefined },
      new Date(),
    );
    const links = subscriberLinks(linkSettings(), { id: confirmed.subscriberId, confirmedAt: confirmed.confirmedAt });
    return {
      status: "done",
      email: confirmed.email,
      manageUrl: links.manageUrl,
      message: `You are subscribed: ${confirmed.email} will get an email when something you chose starts, changes or ends.`,
    };
  } catch (error) {
    return errorState(error);
  }
}

// POST /subscribe/manage – save new choices (a lapsed subscription subscribes again), or unsubscribe
export async function manageAction(_: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("token") ?? "");
  try {
    if (form.get("intent") === "unsubscribe") {
      const { email } = await unsubscribe(db(), linkSettings().secret, { token, purpose: "manage" }, new Date());
      return {
        status: "done",
        email,
        active: false,
        message: `Unsubscribed: ${email} will get no more status emails.`,
      };
    }
    const saved = await changeSubscription(db(), linkSettings().secret, { token, scope: scopeFromForm(form) });
    // The form's defaults come from the page: render it again with what was saved.
    revalidatePath("/subscribe/manage");
    return { status: "done", email: saved.email, active: true, message: "Your choices are saved." };
  } catch (error) {
    return errorState(error);
  }
}

// POST /subscribe/unsubscribe – the unsubscribe link's button: stop every email
export async function unsubscribeAction(_: FormState, form: FormData): Promise<FormState> {
  try {
    const { email } = await unsubscribe(
      db(),
      linkSettings().secret,
      { token: String(form.get("token") ?? ""), purpose: "unsubscribe" },
      new Date(),
    );
    return { status: "done", email, message: `Unsubscribed: ${email} will get no more status emails.` };
  } catch (error) {
    return errorState(error);
  }
}
