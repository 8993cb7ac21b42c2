// GET /admin/maintenance/new – schedule a maintenance window (engineers and admins)
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { getEnv } from "@/lib/env.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { getStatusOverview } from "@/lib/public/overview.ts";
import { pickerData } from "../../incidents/picker-data.ts";
import { ScheduleMaintenanceForm } from "../maintenance-forms.tsx";

export const metadata: Metadata = { title: "Schedule maintenance" };
export const dynamic = "force-dynamic";

export default async function ScheduleMaintenancePage() {
  await requireActor("maintenance.write", { returnTo: "/admin/maintenance/new" });
  const overview = await getStatusOverview(db(), new Date());
  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-sm">
        <Link className="underline" href="/admin/maintenance">
          ← Maintenance
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Schedule maintenance</h1>
      <p className="text-slate-700 dark:text-slate-300">
        While a window is in progress its components show “under maintenance”, its minutes do not count against the SLA,
        and monitoring proposes no incidents for them.
      </p>
      <ScheduleMaintenanceForm picker={pickerData(overview)} noticeHours={getEnv().MAINTENANCE_NOTICE_HOURS} />
    </div>
  );
}
