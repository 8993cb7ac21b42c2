// GET /subscribe – status emails by address, for everything or chosen regions and components.
import type { Metadata } from "next";
import { db } from "@/lib/db.ts";
import { getSubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { SubscribeForm } from "./subscribe-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subscribe to status updates" };

export default async function SubscribePage() {
  const choices = await getSubscriptionChoices(db());
  return (
    <>
      <h1 className="text-2xl font-bold">Subscribe to status updates</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Get an email when an incident or maintenance that touches what you choose starts, changes or ends, and when its
        postmortem is published. We send a confirmation link first; every email has a link to change your choices or
        unsubscribe in one click.
      </p>
      <SubscribeForm choices={choices} />
    </>
  );
}
