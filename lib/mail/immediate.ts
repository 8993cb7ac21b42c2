// Mail a reader is waiting for (confirm, already subscribed) goes straight out
// over the process's shared transport, not through the outbox: it must not
// queue behind a fan-out.
import type { RenderedEmail } from "../../emails/layout.ts";
import type { MailSettings } from "./settings.ts";
import { countDirectMail } from "../observability/tallies.ts";
import { sharedMailTransport } from "./transport.ts";

export interface SubscriptionMailer {
  send(to: string, email: RenderedEmail): Promise<void>;
}

export function smtpSubscriptionMailer(settings: MailSettings): SubscriptionMailer {
  const transport = sharedMailTransport(settings);
  return {
    async send(to, email) {
      await countDirectMail(() =>
        transport.sendMail({
          from: settings.from,
          to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: { "Auto-Submitted": "auto-generated" },
        }),
      );
    },
  };
}
