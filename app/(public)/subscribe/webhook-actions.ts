"use server";
// POST /subscribe (webhook) – thin: read the form, call lib/subscribers, map errors.
import { headers } from "next/headers";
import { db } from "@/lib/db.ts";
import { clientAddressOf } from "@/lib/http/client-address.ts";
import { checkSubscribeClient, subscribeLimits } from "@/lib/subscribers/rate-limits.ts";
import { requestWebhookSubscription } from "@/lib/subscribers/request-webhook-subscription.ts";
import { linkSettings, webhookOptions } from "@/lib/subscribers/settings.ts";
import { CONFIRM_TTL_MS } from "@/lib/subscribers/tokens.ts";
import { errorState } from "./form-state.ts";
import { scopeFromForm } from "./scope-from-form.ts";
import type { WebhookFormState } from "./webhook-state.ts";

export async function webhookSubscribeAction(_: WebhookFormState, form: FormData): Promise<WebhookFormState> {
  const url = String(form.get("url") ?? "").trim();
  const chosen = form.get("format");
  const format = chosen === "json" || chosen === "slack" ? chosen : undefined;
  try {
    await checkSubscribeClient(db(), clientAddressOf(await headers()), new Date());
    const result = await requestWebhookSubscription(
      db(),
      { url, format, scope: scopeFromForm(form) },
      { now: new Date(), links: linkSettings(), limits: subscribeLimits(), webhook: webhookOptions() },
    );
    if (result.outcome === "confirmed")
      return {
        status: "done",
        url,
        format: result.format,
        secret: result.secret,
        message: `Subscribed: ${url} answered the challenge and will receive a signed POST when something you chose starts, changes or ends.`,
      };
    if (result.outcome === "confirmation_posted")
      return {
        status: "done",
        url,
        format: result.format,
        secret: result.secret,
        message: `We posted a message with a confirmation link to that Slack channel. Follow it within ${CONFIRM_TTL_MS / 3_600_000} hours to start the updates.`,
      };
    return {
      status: "done",
      url,
      format: result.format,
      message: "That channel already receives updates: we posted its manage link there.",
    };
  } catch (error) {
    return { ...errorState(error), url };
  }
}
