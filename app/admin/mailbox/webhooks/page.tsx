// GET /admin/mailbox/webhooks – the demo's caught webhooks (only while the mail catcher is on, this machine only)
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env.ts";
import { CATCHER_PATH, type CaughtWebhook, listCaughtWebhooks } from "@/lib/webhooks/demo-catcher.ts";

export const metadata: Metadata = { title: "Demo webhook catcher" };
export const dynamic = "force-dynamic";

const SIGNATURE: Record<CaughtWebhook["signature"], { label: string; tone: string }> = {
  verified: {
    label: "Signature verified",
    tone: "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100",
  },
  invalid: { label: "Signature does not verify", tone: "bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100" },
  missing: { label: "Not signed", tone: "bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100" },
  challenge: {
    label: "Challenge answered",
    tone: "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-100",
  },
};

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export default async function WebhookCatcherPage() {
  const caught = await listCaughtWebhooks(await headers());
  if (!caught) notFound();
  const example = new URL(`${CATCHER_PATH}/my-team`, getEnv().PUBLIC_URL).toString();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <p className="text-sm">
        <Link className="underline" href="/admin/mailbox">
          ← Demo mailbox
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-bold">Demo webhook catcher</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Webhooks this demo sends to itself land here, with their signature checked against the subscriber&apos;s secret.
        Subscribe any URL under <code className="break-all">{example}</code> on the{" "}
        <Link className="underline" href="/subscribe?channel=webhook">
          subscribe page
        </Link>
        : the catcher answers the challenge. It exists only while the demo catches mail.
      </p>
      {caught.length === 0 ? (
        <p className="mt-8 text-slate-700 dark:text-slate-300">No webhooks yet. Reload this page in a moment.</p>
      ) : (
        <ol className="mt-8 space-y-4" aria-label="Caught webhooks, newest first">
          {caught.map((w) => (
            <li
              key={w.id}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
              data-path={w.path}
              data-signature={w.signature}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{w.event ?? "request"}</span>
                <span className={`rounded px-2 py-0.5 text-sm font-medium ${SIGNATURE[w.signature].tone}`}>
                  {SIGNATURE[w.signature].label}
                </span>
              </div>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                To <code>{w.path}</code> ·{" "}
                <time dateTime={w.receivedAt}>{w.receivedAt.slice(0, 19).replace("T", " ")} UTC</time>
                {w.deliveryId && (
                  <>
                    {" "}
                    · delivery <code>{w.deliveryId}</code>
                  </>
                )}
              </p>
              <pre className="mt-3 max-h-96 overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-900">
                {pretty(w.body)}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
