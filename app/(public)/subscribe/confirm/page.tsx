// GET /subscribe/confirm?token=… – the confirmation link; one click confirms (mail scanners only GET).
import type { Metadata } from "next";
import { db } from "@/lib/db.ts";
import { findPendingConfirmation } from "@/lib/subscribers/confirm-subscription.ts";
import { ConfirmForm } from "./confirm-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your subscription", referrer: "same-origin" };

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const pending = await findPendingConfirmation(db(), value, new Date());
  return (
    <>
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      <ConfirmForm token={value} email={pending?.email ?? null} />
    </>
  );
}
