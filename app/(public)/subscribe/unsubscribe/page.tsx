// GET /subscribe/unsubscribe?token=… – the unsubscribe link in every email: one button (a GET alone never unsubscribes).
import type { Metadata } from "next";
import { db } from "@/lib/db.ts";
import { findSubscriptionByLink } from "@/lib/subscribers/manage-subscription.ts";
import { linkSettings } from "@/lib/subscribers/settings.ts";
import { UnsubscribeForm } from "./unsubscribe-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe", referrer: "same-origin" };

export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const subscription = await findSubscriptionByLink(db(), linkSettings().secret, "unsubscribe", value);
  return (
    <>
      <h1 className="text-2xl font-bold">Unsubscribe from status updates</h1>
      {subscription ? (
        <UnsubscribeForm token={value} email={subscription.email} unsubscribed={subscription.unsubscribedAt !== null} />
      ) : (
        <p
          role="alert"
          className="rounded border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          This link is not valid any more. Use the link in the latest email from us.
        </p>
      )}
    </>
  );
}
