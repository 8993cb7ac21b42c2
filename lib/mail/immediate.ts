// Sends the subscription's own emails (confirm, already subscribed) straight
// away over a pooled transport shared by the process; the reader is waiting
// for them, so they do not queue behind a fan-out in the outbox.
import type { RenderedEmail } from "../../emails/layout.ts";
import { createMailTransport, type MailSettings, type MailTransport } from "../notifications/mail.ts";

export interface SubscriptionMailer {
  send(to: string, email: RenderedEmail): Promise<void>;
}

const globalForMail = globalThis as unknown as { bellwetherSubscriptionTransports?: Map<string, MailTransport> };

export function smtpSubscriptionMailer(settings: MailSettings): SubscriptionMailer {
  globalForMail.bellwetherSubscriptionTransports ??= new Map();
  const transports = globalForMail.bellwetherSubscriptionTransports;
  const key = `${settings.smtpUrl}|${settings.dkim?.domainName ?? ""}`;
  let transport = transports.get(key);
  if (!transport) {
    transport = createMailTransport(settings, { maxConnections: 2 });
    transports.set(key, transport);
  }
  const t = transport;
  return {
    async send(to, email) {
      await t.sendMail({
        from: settings.from,
        to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
  };
}
