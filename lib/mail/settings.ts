// Where Bellwether's mail goes and what it is signed with: the settings read
// from the environment (SMTP_URL, else the demo's catcher), the site's name,
// and the domain our Message-IDs and List-Id use.
import type { Env } from "../env.ts";

export const SITE_NAME = "Commerce platform status";

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

/** The domain of our Message-IDs and List-Id: the DKIM domain, else the From address's. */
export function mailDomain(settings: MailSettings): string {
  if (settings.dkim) return settings.dkim.domainName;
  return /@([^\s<>@]+)>?\s*$/.exec(settings.from)?.[1]?.toLowerCase() ?? "bellwether.invalid";
}

/** What links in messages need: where the site is, and the key that signs them. */
export type LinkSettings = Pick<MailSettings, "publicUrl" | "secret">;

export function absoluteUrl(settings: Pick<MailSettings, "publicUrl">, pathAndQuery: string): string {
  return new URL(pathAndQuery, settings.publicUrl).toString();
}
