// Sign-in for the console: next-auth v4 with a one-time link by email and
// sessions in the database. Only existing, enabled users get a link; the
// adapter can never create a user. Guards live in lib/session/guards.ts.
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import { signInEmail } from "../emails/sign-in.ts";
import { type Db, db } from "./db.ts";
import { exportAuthEnvironment, getEnv } from "./env.ts";
import { sendMail } from "./mail/send.ts";
import { safeReturn } from "./session/safe-return.ts";
import { confirmPageUrl, takeSignInAddressToken } from "./session/sign-in-requests.ts";
import { findUserAllowedToSignIn, recordSignIn } from "./users/sign-in.ts";
import { logError } from "./observability/log.ts";

export const SIGN_IN_PATH = "/admin/sign-in";
export const CHECK_EMAIL_PATH = "/admin/sign-in/check-email";
/** A sign-in link works once, for this long. */
export const SIGN_IN_LINK_MINUTES = 15;
/** A console session lasts a week from signing in. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

export function usesSecureCookies(): boolean {
  return getEnv().PUBLIC_URL.startsWith("https://");
}

/** The cookie next-auth keeps the session token in (its default name). */
export function sessionCookieName(): string {
  return `${usesSecureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** Long enough for the answer to have left; nobody notices a sign-in mail 50 ms later. */
const AFTER_ANSWER_MS = 50;

/** Work only a known address costs (storing the link, sending it): started after the answer has left, never awaited. */
function afterAnswer(work: () => unknown, failure: string): void {
  setTimeout(() => {
    Promise.resolve()
      .then(work)
      .catch((error: unknown) => logError(failure, error));
  }, AFTER_ANSWER_MS);
}

function consoleAdapter(client: Db): Adapter {
  const adapter = PrismaAdapter(client as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...adapter,
    createUser: () => {
      throw new Error("Users are added by an admin, never at sign-in.");
    },
    // Stored after the answer, like the mail is sent: asking for a link must take
    // as long for an address with an account as for one without (no timing oracle).
    createVerificationToken: (token) => {
      afterAnswer(() => adapter.createVerificationToken?.(token), "a sign-in link could not be stored");
      return token;
    },
  };
}

export function authOptions(): NextAuthOptions {
  const env = getEnv();
  exportAuthEnvironment(env);
  const client = db();
  return {
    secret: env.AUTH_SECRET,
    adapter: consoleAdapter(client),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 3600 },
    useSecureCookies: usesSecureCookies(),
    pages: { signIn: SIGN_IN_PATH, verifyRequest: CHECK_EMAIL_PATH, error: SIGN_IN_PATH },
    providers: [
      EmailProvider({
        from: env.MAIL_FROM,
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        // Sent after the answer, never awaited: how long an SMTP server takes must not tell who has an account.
        // The link opens a page whose button signs in: a mail scanner following it spends nothing.
        async sendVerificationRequest({ identifier, url }) {
          const link = confirmPageUrl(url, env.PUBLIC_URL);
          afterAnswer(
            () =>
              sendMail({
                to: identifier,
                ...signInEmail({ url: link, host: new URL(link).host, validMinutes: SIGN_IN_LINK_MINUTES }),
              }),
            `a sign-in link to …@${identifier.split("@").at(-1)} could not be sent`,
          );
        },
      }),
    ],
    callbacks: {
      // Asking for a link: unknown, disabled and over-the-limit addresses get
      // the very answer a known one gets (next-auth's verify-request page),
      // after the same work (a user lookup, a rate-limit token), and no mail.
      async signIn({ user, email }) {
        if (!email?.verificationRequest) return Boolean(await findUserAllowedToSignIn(client, user.email));
        const [allowed, withinLimit] = await Promise.all([
          findUserAllowedToSignIn(client, user.email),
          takeSignInAddressToken(client, user.email ?? "", new Date()),
        ]);
        return allowed && withinLimit ? true : `${env.PUBLIC_URL}/api/auth/verify-request?provider=email&type=email`;
      },
      // Only back into the console of this site (safeReturn), whatever callbackUrl said.
      async redirect({ url, baseUrl }) {
        const target = new URL(url, baseUrl);
        if (target.origin !== new URL(baseUrl).origin) return `${baseUrl}/admin`;
        const path = `${target.pathname}${target.search}`;
        return path.startsWith(SIGN_IN_PATH) ? `${baseUrl}${path}` : `${baseUrl}${safeReturn(path)}`;
      },
    },
    events: {
      async signIn({ user }) {
        await recordSignIn(client, user.id);
      },
    },
  };
}
