// The process's mail settings for the subscription pages and routes.
import { getEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { type MailSettings, mailSettingsFromEnv } from "../notifications/mail.ts";

export function mailSettings(): MailSettings {
  try {
    return mailSettingsFromEnv(getEnv());
  } catch (error) {
    throw new AppError("UNAVAILABLE", "Subscriptions are not configured on this server.", { cause: error });
  }
}
