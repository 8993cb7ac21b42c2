// Sends one email through SMTP_URL, or the demo's catcher when MAIL_CATCHER
// is on, over the process's shared transport (lib/mail/transport.ts).
import { getEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { countDirectMail } from "../observability/tallies.ts";
import { sharedMailTransport } from "./transport.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

function smtpUrl(): string {
  const env = getEnv();
  if (env.SMTP_URL) return env.SMTP_URL;
  if (env.MAIL_CATCHER) return `smtp://127.0.0.1:${env.MAIL_CATCHER_PORT}`;
  throw new AppError(
    "UNAVAILABLE",
    "No mail server is configured: set SMTP_URL (or MAIL_CATCHER=true for a local demo).",
  );
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const env = getEnv();
  const transport = sharedMailTransport({ smtpUrl: smtpUrl(), ignoreTLS: !env.SMTP_URL });
  await countDirectMail(() => transport.sendMail({ from: env.MAIL_FROM, ...mail }));
}

/** The demo's mailbox is readable by anyone, so it exists only while the catcher is on. */
export function mailboxEnabled(): boolean {
  const env = getEnv();
  return env.MAIL_CATCHER && !env.SMTP_URL;
}
