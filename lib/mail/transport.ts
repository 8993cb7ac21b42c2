// The one way mail leaves: a pooled nodemailer transport, DKIM-signed when a
// key is configured. The outbox's email channel owns one; mail a reader waits
// for (confirmations, sign-in links) shares one per server and key.
import nodemailer from "nodemailer";
import type { MailSettings } from "./settings.ts";

/** nodemailer's default signed headers plus List-Unsubscribe-Post (RFC 8058 §4 asks for both). */
export const DKIM_SIGNED_HEADERS =
  "From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:" +
  "List-Id:List-Unsubscribe:List-Unsubscribe-Post:Auto-Submitted";

export type MailTransport = ReturnType<typeof createMailTransport>;

export function createMailTransport(settings: MailSettings, options: { maxConnections?: number } = {}) {
  return nodemailer.createTransport({
    pool: true,
    url: settings.smtpUrl,
    ignoreTLS: settings.ignoreTLS,
    maxConnections: options.maxConnections ?? 5,
    // Keep connections for as long as the server lets us: reconnecting costs more than sending.
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    dkim: settings.dkim ? { ...settings.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } : undefined,
  });
}

const globalForMail = globalThis as unknown as { bellwetherSharedTransports?: Map<string, MailTransport> };

/** A small pooled transport shared by the process, one per server and DKIM domain. */
export function sharedMailTransport(settings: Pick<MailSettings, "smtpUrl" | "ignoreTLS" | "dkim">): MailTransport {
  globalForMail.bellwetherSharedTransports ??= new Map();
  const transports = globalForMail.bellwetherSharedTransports;
  const key = `${settings.smtpUrl}|${settings.ignoreTLS ? 1 : 0}|${settings.dkim?.domainName ?? ""}`;
  let transport = transports.get(key);
  if (!transport) {
    transport = createMailTransport({ ...settings, from: "", publicUrl: "", secret: "" }, { maxConnections: 2 });
    transports.set(key, transport);
  }
  return transport;
}
