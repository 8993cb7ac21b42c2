// GET /admin/sign-in – ask for a one-time sign-in link by email
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { mailboxVisibleTo } from "@/lib/mail/demo-mailbox.ts";
import { currentActor } from "@/lib/session/guards.ts";
import { safeReturn } from "@/lib/session/safe-return.ts";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  Verification: "That sign-in link is no longer valid: it was used already or it expired. Ask for a new one below.",
  AccessDenied: "This address may not sign in. If you should have access, ask an admin.",
  EmailSignin: "We could not send the sign-in email. Please try again in a moment.",
  RateLimited: "Too many sign-in requests from your network. Please wait a few minutes and try again.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeReturn(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const error =
    typeof params.error === "string"
      ? (ERRORS[params.error] ?? "Signing in did not work. Please ask for a new link.")
      : null;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <p className="text-lg font-bold tracking-tight">Bellwether</p>
      <h1 className="mt-6 text-2xl font-bold">Sign in to the console</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Enter your work email address. We send you a link that signs you in, once; no password.
      </p>
      {error && (
        <p
          role="alert"
          className="mt-4 rounded border-l-4 border-red-600 bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      {mailboxVisibleTo(await headers()) && (
        <p className="mt-8 rounded border border-sky-600 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-100">
          Demo: no mail is really sent.{" "}
          <Link className="font-semibold underline" href="/admin/mailbox">
            Demo: open the mailbox
          </Link>{" "}
          to find your sign-in link. The demo&apos;s people are admin@, engineer@, account.manager@ and
          viewer@bellwether.test.
        </p>
      )}
      <p className="mt-8 text-sm">
        <Link className="underline" href="/">
          Back to the status page
        </Link>
      </p>
    </main>
  );
}
