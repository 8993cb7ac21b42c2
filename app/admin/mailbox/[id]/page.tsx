// GET /admin/mailbox/:id – one caught message, as text (mail HTML is never rendered)
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { linkify, readDemoMail } from "@/lib/mail/demo-mailbox.ts";

export const metadata: Metadata = { title: "Demo mailbox" };
export const dynamic = "force-dynamic";

export default async function MailPage({ params }: { params: Promise<{ id: string }> }) {
  const mail = await readDemoMail(await headers(), (await params).id);
  if (!mail) notFound();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link className="underline" href="/admin/mailbox">
          ← Demo mailbox
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-bold">{mail.subject}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">From</dt>
        <dd>{mail.from}</dd>
        <dt className="font-medium">To</dt>
        <dd>{mail.to.join(", ")}</dd>
        <dt className="font-medium">Received</dt>
        <dd>
          <time dateTime={mail.receivedAt}>{mail.receivedAt.slice(0, 19).replace("T", " ")} UTC</time>
        </dd>
      </dl>
      <div className="mt-6 whitespace-pre-wrap break-words rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        {linkify(mail.text).map((part, i) =>
          "href" in part ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one message never reorder
            <a key={i} className="font-semibold text-sky-800 underline dark:text-sky-300" href={part.href}>
              {part.href}
            </a>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one message never reorder
            <span key={i}>{part.text}</span>
          ),
        )}
      </div>
    </main>
  );
}
