// The headers every subscriber email carries: RFC 8058 one-click unsubscribe,
// List-Id, Auto-Submitted, and a Message-ID derived from the outbox row so
// that a receiver can drop the rare duplicate a crash may cause.
import type { SubscriberLinks } from "../subscribers/links.ts";
import { type MailSettings, mailDomain, SITE_NAME } from "./settings.ts";

/** `<notification id@domain>`: the same row always gets the same Message-ID. */
export function notificationMessageId(settings: MailSettings, notificationId: string): string {
  return `<${notificationId}@${mailDomain(settings)}>`;
}

export function listId(settings: MailSettings): string {
  return `"${settings.siteName ?? SITE_NAME}" <status-updates.${mailDomain(settings)}>`;
}

/**
 * The headers of a subscriber email, beside From, To, Subject and Message-ID.
 * `prepared`: ASCII we built ourselves, sent as is (nodemailer would otherwise MIME-encode List-Id's quotes).
 */
export function subscriberHeaders(
  settings: MailSettings,
  links: SubscriberLinks,
): Record<string, { prepared: true; value: string }> {
  const prepared = (value: string) => ({ prepared: true as const, value });
  return {
    "List-Unsubscribe": prepared(`<${links.oneClickUrl}>`),
    "List-Unsubscribe-Post": prepared("List-Unsubscribe=One-Click"),
    "List-Id": prepared(listId(settings)),
    "Auto-Submitted": prepared("auto-generated"),
  };
}
