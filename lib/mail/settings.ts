// How Bellwether's mail leaves: settings from the environment, a pooled
// nodemailer transport (DKIM-signed when a key is configured), and the
// headers every subscriber email carries — RFC 8058 one-click unsubscribe,
// List-Id, and a Message-ID derived from the outbox row so that a receiver
// can drop the rare duplicate a crash may cause.
import nodemailer from "nodemailer";
import type { Env } from "../env.ts";
import { signSubscriberLink } from "../subscribers/tokens.ts";

export const SITE_NAME = "Commerce platform status";

/** nodemailer's default signed headers plus List-Unsubscribe-Post (RFC 8058 §4 asks for both). */
export const DKIM_SIGNED_HEADERS =
  "From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:" +
  "List-Id:List-Unsubscribe:List-Unsubscribe-Post:Auto-Submitted";

export interface MailSettings {
  smtpUrl: string;
  /** Never STARTTLS, even when offered (the demo's local catcher). */
  ignoreTLS?: boolean;
  from: string;
  /** Links start with it; must be https in production for one-click unsubscribe. */
  publicUrl: string;
  /** AUTH_SECRET: signs manage and unsubscribe links. */
  secret: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  siteName?: string;
}

/** The mail server to use: SMTP_URL, else the demo's catcher when it is on, else none (null). */
export function mailSettingsFromEnv(env: Env): MailSettings | null {
  const smtpUrl = env.SMTP_URL ?? (env.MAIL_CATCHER ? `smtp://127.0.0.1:${env.MAIL_CATCHER_PORT}` : undefined);
  if (!smtpUrl) return null;
  if (!env.AUTH_SECRET) throw new Error("AUTH_SECRET is missing: it signs the links in subscriber emails.");
  const dkim =
    env.DKIM_DOMAIN && env.DKIM_SELECTOR && env.DKIM_PRIVATE_KEY
      ? { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey: env.DKIM_PRIVATE_KEY }
      : undefined;
  return {
    smtpUrl,
    ignoreTLS: !env.SMTP_URL,
    from: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL,
    secret: env.AUTH_SECRET,
    dkim,
  };
}

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

/** The domain of our Message-IDs and List-Id: the DKIM domain, else the From address's. */
export function mailDomain(settings: MailSettings): string {
  if (settings.dkim) return settings.dkim.domainName;
  return /@([^\s<>@]+)>?\s*$/.exec(settings.from)?.[1]?.toLowerCase() ?? "bellwether.invalid";
}

/** What links in emails need: where the site is, and the key that signs them. */
export type LinkSettings = Pick<MailSettings, "publicUrl" | "secret">;

export function absoluteUrl(settings: Pick<MailSettings, "publicUrl">, pathAndQuery: string): string {
  return new URL(pathAndQuery, settings.publicUrl).toString();
}

export interface SubscriberLinks {
  /** The page to change the scope or unsubscribe. */
  manageUrl: string;
  /** A page with one button; a GET never unsubscribes (link scanners follow GETs). */
  unsubscribeUrl: string;
  /** RFC 8058: a POST here unsubscribes at once. */
  oneClickUrl: string;
}

export function subscriberLinks(
  settings: LinkSettings,
  subscriber: { id: string; confirmedAt: Date },
): SubscriberLinks {
  const manage = encodeURIComponent(
    signSubscriberLink(settings.secret, "manage", subscriber.id, subscriber.confirmedAt),
  );
  const unsubscribe = encodeURIComponent(
    signSubscriberLink(settings.secret, "unsubscribe", subscriber.id, subscriber.confirmedAt),
  );
  return {
    manageUrl: absoluteUrl(settings, `/subscribe/manage?token=${manage}`),
    unsubscribeUrl: absoluteUrl(settings, `/subscribe/unsubscribe?token=${unsubscribe}`),
    oneClickUrl: absoluteUrl(settings, `/api/subscribers/unsubscribe?token=${unsubscribe}`),
  };
}

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
