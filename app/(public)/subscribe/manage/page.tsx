// GET /subscribe/manage?token=… – change what you hear about, or unsubscribe (the signed link from any email).
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { findSubscriptionByLink } from "@/lib/subscribers/manage-subscription.ts";
import { getSubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { linkSettings } from "@/lib/subscribers/settings.ts";
import { ManageForms } from "./manage-forms.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Manage your subscription", referrer: "same-origin" };

export default async function ManagePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const [subscription, choices] = await Promise.all([
    findSubscriptionByLink(db(), linkSettings().secret, "manage", value),
    getSubscriptionChoices(db()),
  ]);
  if (!subscription) {
    return (
      <>
        <h1 className="text-2xl font-bold">Manage your subscription</h1>
        <p
          role="alert"
          className="rounded border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          This link is not valid any more. Use the link in the latest email from us, or{" "}
          <Link href="/subscribe" className="font-semibold underline">
            subscribe again
          </Link>
          .
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-bold">Manage your subscription</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Status emails for <strong>{subscription.email}</strong>
        {subscription.suppressedAt ? "" : subscription.unsubscribedAt ? " — unsubscribed." : "."}
      </p>
      {subscription.following.length > 0 && !subscription.unsubscribedAt && !subscription.suppressedAt && (
        <p data-testid="following">
          You also get the updates on{" "}
          {subscription.following.map((incident, i) => (
            <span key={incident.id}>
              {i > 0 ? " and " : ""}
              <a className="font-semibold underline" href={`/incidents/${incident.id}`}>
                {incident.title}
              </a>
            </span>
          ))}{" "}
          until {subscription.following.length === 1 ? "it resolves" : "they resolve"}, whatever you choose below.
        </p>
      )}
      {subscription.suppressedAt ? (
        <p
          role="alert"
          className="rounded border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          Emails to this address bounced, so we stopped sending them.{" "}
          <Link href="/subscribe" className="font-semibold underline">
            Subscribe again
          </Link>{" "}
          to confirm that it works.
        </p>
      ) : (
        <ManageForms
          token={value}
          choices={choices}
          scope={subscription.scope}
          unsubscribed={subscription.unsubscribedAt !== null}
        />
      )}
    </>
  );
}
