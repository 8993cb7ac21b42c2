"use server";
// The "get updates on this incident" form's server action: thin — read the form, call lib/subscribers, map errors.
import { headers } from "next/headers";
import { db } from "@/lib/db.ts";
import { clientAddressOf } from "@/lib/http/client-address.ts";
import { smtpSubscriptionMailer } from "@/lib/mail/immediate.ts";
import { requestIncidentFollow } from "@/lib/subscribers/follow-incident.ts";
import { checkSubscribeClient, subscribeLimits } from "@/lib/subscribers/rate-limits.ts";
import { mailSettings } from "@/lib/subscribers/settings.ts";
import { CONFIRM_TTL_MS } from "@/lib/subscribers/tokens.ts";
import { errorState, type FormState } from "./form-state.ts";

// POST /subscribe?incident=… – follow one open incident until it resolves; the same answer whatever the address's state
export async function followIncidentAction(_: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "").trim();
  try {
    await checkSubscribeClient(db(), clientAddressOf(await headers()), new Date());
    const mail = mailSettings();
    await requestIncidentFollow(
      db(),
      { email, incidentId: String(form.get("incident") ?? "") },
      { now: new Date(), mail, mailer: smtpSubscriptionMailer(mail), limits: subscribeLimits() },
    );
    return {
      status: "done",
      email,
      message: `Check your inbox: we have sent an email to ${email}. Follow its link within ${CONFIRM_TTL_MS / 3_600_000} hours to confirm, and you will get this incident's updates until it resolves.`,
    };
  } catch (error) {
    return errorState(error, { email });
  }
}
