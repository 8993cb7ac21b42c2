// GET /admin/incidents/new – declare an incident by hand (engineers and admins)
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { getStatusOverview } from "@/lib/public/overview.ts";
import { DeclareIncidentForm } from "../declare-form.tsx";
import { pickerData } from "../picker-data.ts";

export const metadata: Metadata = { title: "Declare an incident" };
export const dynamic = "force-dynamic";

export default async function DeclareIncidentPage() {
  await requireActor("incident.write", { returnTo: "/admin/incidents/new" });
  const overview = await getStatusOverview(db(), new Date());
  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-sm">
        <Link className="underline" href="/admin/incidents">
          ← Incidents
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Declare an incident</h1>
      <p className="text-slate-700 dark:text-slate-300">
        A declared incident is public at once: the status page shows it and subscribers are told.
      </p>
      <DeclareIncidentForm picker={pickerData(overview)} />
    </div>
  );
}
