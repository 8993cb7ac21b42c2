// GET /admin/maintenance?state=upcoming|active|completed – windows, tier-1 first
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { MAINTENANCE_STATUS_LABEL } from "@/lib/domain/maintenance-lifecycle.ts";
import { can } from "@/lib/domain/roles.ts";
import { listMaintenances, type MAINTENANCE_LIST_STATES } from "@/lib/maintenance/list-maintenances.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { TierBadge, Utc } from "../../_components/badges.tsx";

export const metadata: Metadata = { title: "Maintenance" };
export const dynamic = "force-dynamic";

const TABS = [
  { state: "upcoming", label: "Upcoming" },
  { state: "active", label: "In progress" },
  { state: "completed", label: "Completed" },
] as const satisfies { state: (typeof MAINTENANCE_LIST_STATES)[number]; label: string }[];

export default async function MaintenancePage({
  searchParams,
}: {
  searchParams: Promise<{ state?: string | string[] }>;
}) {
  const { state: asked } = await searchParams;
  const tab = TABS.find((t) => t.state === asked) ?? TABS[0];
  const actor = await requireActor("console.read", { returnTo: `/admin/maintenance?state=${tab.state}` });
  const windows = await listMaintenances(db(), { state: tab.state });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Maintenance</h1>
        {can(actor.role, "maintenance.write") && (
          <Link
            href="/admin/maintenance/new"
            className="rounded bg-slate-900 px-4 py-2 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
          >
            Schedule maintenance
          </Link>
        )}
      </div>
      <nav aria-label="Maintenance lists">
        <ul className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
          {TABS.map((t) => (
            <li key={t.state}>
              <Link
                href={`/admin/maintenance?state=${t.state}`}
                aria-current={t.state === tab.state ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${t.state === tab.state ? "border-slate-900 dark:border-slate-100" : "border-transparent text-slate-700 dark:text-slate-300"}`}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {windows.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">No maintenance here.</p>
      ) : (
        <ol className="space-y-3">
          {windows.map((m) => (
            <li
              key={m.id}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
              data-maintenance={m.id}
            >
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <TierBadge tier={m.tier} />
                <span className="rounded border border-slate-400 px-1.5 py-0.5 text-xs font-semibold dark:border-slate-500">
                  {MAINTENANCE_STATUS_LABEL[m.status]}
                </span>
                {!m.autoTransition && (
                  <span className="text-xs text-slate-600 dark:text-slate-400">moved by hand only</span>
                )}
              </div>
              <h2 className="mt-2 text-lg font-semibold">
                <Link className="underline" href={`/admin/maintenance/${m.id}`}>
                  {m.title}
                </Link>
              </h2>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                <Utc at={m.scheduledStart} /> → <Utc at={m.scheduledEnd} />
              </p>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                {[...new Set(m.componentRegions.map((cr) => `${cr.componentName} in ${cr.regionKey}`))].join("; ")}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
