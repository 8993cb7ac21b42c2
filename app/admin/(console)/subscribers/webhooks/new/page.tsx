// GET /admin/subscribers/webhooks/new – an admin adds a webhook subscriber (its secret shown once)
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { getSubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { AddWebhookForm } from "./add-webhook-form.tsx";

export const metadata: Metadata = { title: "Add a webhook subscriber" };
export const dynamic = "force-dynamic";

export default async function AddWebhookPage() {
  await requireActor("subscriber.manage", { returnTo: "/admin/subscribers/webhooks/new" });
  const choices = await getSubscriptionChoices(db());
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link className="underline" href="/admin/subscribers">
          ← Subscribers
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">Add a webhook subscriber</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Each event its scope covers is POSTed to the URL — Bellwether&apos;s JSON, or a Slack message — signed with
          HMAC-SHA256 in <code>Bellwether-Signature</code> over <code>Bellwether-Timestamp</code> and the body. Failed
          deliveries are retried with backoff; three permanent failures in a row switch the subscriber off.
        </p>
      </div>
      <AddWebhookForm choices={choices} />
    </div>
  );
}
