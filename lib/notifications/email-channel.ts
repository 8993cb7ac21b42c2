// The email channel: renders the event's email (emails/event-email.ts) and
// sends it over a pooled SMTP transport, with one-click unsubscribe, List-Id
// and a Message-ID from the outbox row. SMTP's reply decides the outcome
// (lib/domain/delivery.ts): 4xx or no answer retries, 5xx fails, a bad
// mailbox hard-bounces and suppresses the address.
import { renderEventEmail } from "../../emails/event-email.ts";
import { classifySmtpFailure } from "../domain/delivery.ts";
import { absoluteUrl, type MailSettings, SITE_NAME } from "../mail/settings.ts";
import { notificationMessageId, subscriberHeaders } from "../mail/subscriber-headers.ts";
import { createMailTransport } from "../mail/transport.ts";
import type { Channel, ClassifiedFailure } from "./channel.ts";

/** Per connection: sends in flight at most, and accepted-but-unrecorded messages at most. */
export const MAX_PENDING_PER_CONNECTION = 3;

export function emailChannel(mail: MailSettings, options: { maxConnections: number }): Channel {
  const transport = createMailTransport(mail, { maxConnections: options.maxConnections });
  return {
    name: "email",
    capacity: options.maxConnections * MAX_PENDING_PER_CONNECTION,
    suppressAfterPermanentFailures: null,
    async deliver({ notification, payload, links }) {
      if (!notification.email) throw new Error("an email subscriber without an address");
      const email = renderEventEmail({
        kind: notification.kind,
        payload,
        siteName: mail.siteName ?? SITE_NAME,
        pageUrl: absoluteUrl(mail, payload.path),
        ...links,
      });
      const messageId = notificationMessageId(mail, notification.id);
      await transport.sendMail({
        from: mail.from,
        to: notification.email,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId,
        headers: subscriberHeaders(mail, links),
      });
      return { messageId };
    },
    classify(error): ClassifiedFailure {
      const e = (error ?? {}) as { responseCode?: unknown; command?: unknown; response?: unknown; message?: unknown };
      const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
      const response = typeof e.response === "string" ? e.response : undefined;
      return {
        kind: classifySmtpFailure({
          responseCode,
          command: typeof e.command === "string" ? e.command : undefined,
          response,
        }),
        message: response ?? String(e.message ?? error),
        channelDown: responseCode === undefined,
      };
    },
    close() {
      transport.close();
    },
  };
}
