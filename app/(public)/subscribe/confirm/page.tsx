// GET /subscribe/confirm?token=…[&incident=…] – the confirmation link; one click confirms (mail scanners only GET).
// A "get updates on this incident" link carries the incident, which the click follows too.
import type { Metadata } from "next";
import { db } from "@/lib/db.ts";
import { findPendingConfirmation } from "@/lib/subscribers/confirm-subscription.ts";
import { findFollowableIncident } from "@/lib/subscribers/follow-incident.ts";
import { ConfirmForm } from "./confirm-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your subscription", referrer: "same-origin" };

export default async function ConfirmPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[]; incident?: string | string[] }>;
}) {
  const { token, incident: incidentId } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const pending = await findPendingConfirmation(db(), value, new Date());
  const incident = typeof incidentId === "string" ? await findFollowableIncident(db(), incidentId) : null;
  return (
    <>
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      <ConfirmForm token={value} email={pending?.email ?? null} incident={incident} />
    </>
  );
}
