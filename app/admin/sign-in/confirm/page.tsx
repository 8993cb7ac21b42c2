// GET /admin/sign-in/confirm?token=…&email=…&callbackUrl=… – where a sign-in
// link lands. Opening it spends nothing (mail scanners follow links); its
// button POSTs the link to next-auth's callback, which signs in once.
import type { Metadata } from "next";
import Link from "next/link";
import { SIGN_IN_LINK_MINUTES } from "@/lib/auth.ts";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function ConfirmSignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const link = { token: text(params.token), email: text(params.email), callbackUrl: text(params.callbackUrl) };
  const complete = link.token !== "" && link.email !== "";
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <p className="text-lg font-bold tracking-tight">Bellwether</p>
      <h1 className="mt-6 text-2xl font-bold">Sign in to the console</h1>
      {complete ? (
        <>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            You are signing in as <strong>{link.email}</strong>. The link works once, within {SIGN_IN_LINK_MINUTES}{" "}
            minutes of asking for it.
          </p>
          {/* next-auth reads the link from the query; callbackUrl is checked again there (lib/auth.ts redirect). */}
          <form method="post" action={`/api/auth/callback/email?${new URLSearchParams(link)}`} className="mt-6">
            <button
              type="submit"
              className="w-full rounded bg-slate-900 px-4 py-2 font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
            >
              Sign in
            </button>
          </form>
        </>
      ) : (
        <p
          role="alert"
          className="mt-4 rounded border-l-4 border-red-600 bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          This sign-in link is incomplete. Copy the whole link from the email, or ask for a new one.
        </p>
      )}
      <p className="mt-8 text-sm">
        <Link className="underline" href="/admin/sign-in">
          Ask for a new link
        </Link>
      </p>
    </main>
  );
}
