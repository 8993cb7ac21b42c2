// Sends one email through SMTP_URL, or the demo's catcher when MAIL_CATCHER
// is on. One transport per process, pooled.
import nodemailer from "nodemailer";
import { getEnv } from "../env.ts";
import { AppError } from "../errors.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;
const globalForMail = globalThis as unknown as { bellwetherMailTransport?: Transport };

function transport(): Transport {
  if (globalForMail.bellwetherMailTransport) return globalForMail.bellwetherMailTransport;
  const env = getEnv();
  if (env.SMTP_URL) {
    globalForMail.bellwetherMailTransport = nodemailer.createTransport(env.SMTP_URL);
  } else if (env.MAIL_CATCHER) {
    globalForMail.bellwetherMailTransport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: env.MAIL_CATCHER_PORT,
      secure: false,
      ignoreTLS: true,
    });
  } else {
    throw new AppError(
      "UNAVAILABLE",
      "No mail server is configured: set SMTP_URL (or MAIL_CATCHER=true for a local demo).",
    );
  }
  return globalForMail.bellwetherMailTransport;
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  await transport().sendMail({ from: getEnv().MAIL_FROM, ...mail });
}

/** The demo's mailbox is readable by anyone, so it exists only while the catcher is on. */
export function mailboxEnabled(): boolean {
  const env = getEnv();
  return env.MAIL_CATCHER && !env.SMTP_URL;
}
