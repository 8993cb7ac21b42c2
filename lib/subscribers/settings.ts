// The process's mail settings for the subscription pages and routes.
import { getEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { type LinkSettings, type MailSettings, mailSettingsFromEnv } from "../mail/settings.ts";
import type { WebhookDeliveryOptions } from "./request-webhook-subscription.ts";

export function mailSettings(): MailSettings {
  let settings: MailSettings | null;
  try {
    settings = mailSettingsFromEnv(getEnv());
  } catch (error) {
    throw new AppError("UNAVAILABLE", "Subscriptions are not configured on this server.", { cause: error });
  }
  if (!settings)
    throw new AppError(
      "UNAVAILABLE",
      "Email is not configured on this server (SMTP_URL), so subscriptions are closed for now.",
    );
  return settings;
}

/** Enough to make and check subscriber links, with or without a mail server. */
export function linkSettings(): LinkSettings {
  const env = getEnv();
  if (!env.AUTH_SECRET) throw new AppError("UNAVAILABLE", "Subscriptions are not configured on this server.");
  return { publicUrl: env.PUBLIC_URL, secret: env.AUTH_SECRET };
}

/** How the subscription pages reach webhook URLs: public addresses only, unless WEBHOOK_ALLOW_PRIVATE. */
export function webhookOptions(): WebhookDeliveryOptions {
  return { allowPrivate: getEnv().WEBHOOK_ALLOW_PRIVATE };
}
