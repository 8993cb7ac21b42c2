// GET /admin/sign-in/check-email – "a link is on its way" (the same for every address)
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { SIGN_IN_LINK_MINUTES } from "@/lib/auth.ts";
import { mailboxVisibleTo } from "@/lib/mail/demo-mailbox.ts";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default async function CheckEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string | string[] }>;
}) {
  const { email } = await searchParams;
  const address = typeof email === "string" && email.length <= 254 ? email : null;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <p className="text-lg font-bold tracking-tight">Bellwether</p>
      <h1 className="mt-6 text-2xl font-bold">Check your email</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        If {address ? <strong>{address}</strong> : "the address"} belongs to a Bellwether user, a sign-in link is on its
        way. It works once and expires in {SIGN_IN_LINK_MINUTES} minutes.
      </p>
      {mailboxVisibleTo(await headers()) && (
        <p className="mt-6">
          <Link
            className="inline-block rounded bg-slate-900 px-4 py-2 font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
            href={address ? `/admin/mailbox?${new URLSearchParams({ to: address })}` : "/admin/mailbox"}
          >
            Demo: open the mailbox
          </Link>
        </p>
      )}
      <p className="mt-8 text-sm">
        <Link className="underline" href="/admin/sign-in">
          Use another address
        </Link>
      </p>
    </main>
  );
}
