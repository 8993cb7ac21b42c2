// GET /admin/mailbox – the demo's caught mail (only while the mail catcher is on)
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { listDemoMailbox } from "@/lib/mail/demo-mailbox.ts";

export const metadata: Metadata = { title: "Demo mailbox" };
export const dynamic = "force-dynamic";

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  const { to } = await searchParams;
  const address = typeof to === "string" && to.trim() !== "" ? to.trim() : undefined;
  const mail = await listDemoMailbox(await headers(), { to: address });
  if (!mail) notFound();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-lg font-bold tracking-tight">Bellwether</p>
      <h1 className="mt-6 text-2xl font-bold">Demo mailbox</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        This demo sends no real email: everything it would send is caught here. It exists only while{" "}
        <code>SMTP_URL</code> is not set.
      </p>
      <p className="mt-2">
        <Link className="underline" href="/admin/mailbox/webhooks">
          Webhooks the demo sent to itself
        </Link>{" "}
        are caught too.
      </p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            Only mail to
          </label>
          <input
            id="to"
            name="to"
            type="email"
            defaultValue={address}
            className="mt-1 rounded border border-slate-400 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <button
          type="submit"
          className="rounded bg-slate-900 px-4 py-2 font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Filter
        </button>
        {address && (
          <Link className="px-2 py-2 underline" href="/admin/mailbox">
            Show all
          </Link>
        )}
      </form>
      {mail.length === 0 ? (
        <p className="mt-8 text-slate-700 dark:text-slate-300">
          No mail{address ? ` to ${address}` : ""} yet. Reload this page in a moment.
        </p>
      ) : (
        <ul
          className="mt-8 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
          aria-label="Caught mail, newest first"
        >
          {mail.map((m) => (
            <li key={m.id} className="px-4 py-3">
              <Link className="font-semibold underline" href={`/admin/mailbox/${m.id}`}>
                {m.subject}
              </Link>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                To {m.to.join(", ")} ·{" "}
                <time dateTime={m.receivedAt}>{m.receivedAt.slice(0, 19).replace("T", " ")} UTC</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-8 text-sm">
        <Link className="underline" href="/admin/sign-in">
          Sign in
        </Link>
      </p>
    </main>
  );
}
