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
import { findUserAllowedToSignIn, recordSignIn } from "./users/sign-in.ts";

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

function consoleAdapter(client: Db): Adapter {
  const adapter = PrismaAdapter(client as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...adapter,
    createUser: () => {
      throw new Error("Users are added by an admin, never at sign-in.");
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
        async sendVerificationRequest({ identifier, url }) {
          await sendMail({ to: identifier, ...signInEmail({ url, host: new URL(url).host, validMinutes: SIGN_IN_LINK_MINUTES }) });
        },
      }),
    ],
    callbacks: {
      // Unknown and disabled addresses see the same "check your email" page
      // as everyone else, so the form does not reveal who has an account.
      async signIn({ user, email }) {
        if (await findUserAllowedToSignIn(client, user.email)) return true;
        return email?.verificationRequest ? `${env.PUBLIC_URL}${CHECK_EMAIL_PATH}` : false;
      },
    },
    events: {
      async signIn({ user }) {
        await recordSignIn(client, user.id);
      },
    },
  };
}
