// GET /admin/maintenance/:id – one window: schedule, components, updates, and manual moves
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db.ts";
import { MAINTENANCE_STATUS_LABEL } from "@/lib/domain/maintenance-lifecycle.ts";
import { can } from "@/lib/domain/roles.ts";
import { getMaintenance } from "@/lib/maintenance/get-maintenance.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { TierBadge, Utc } from "../../../_components/badges.tsx";
import { TransitionForm } from "../maintenance-forms.tsx";

export const metadata: Metadata = { title: "Maintenance" };
export const dynamic = "force-dynamic";

export default async function MaintenanceDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("console.read", { returnTo: `/admin/maintenance/${id}` });
  const maintenance = await getMaintenance(db(), id);
  if (!maintenance) notFound();
  const writer = can(actor.role, "maintenance.write");
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm">
          <Link className="underline" href="/admin/maintenance">
            ← Maintenance
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <TierBadge tier={maintenance.tier} />
          <span
            className="rounded border border-slate-400 px-1.5 py-0.5 text-xs font-semibold dark:border-slate-500"
            data-maintenance-status={maintenance.status}
          >
            {MAINTENANCE_STATUS_LABEL[maintenance.status]}
          </span>
          <span className="text-slate-700 dark:text-slate-300">
            {maintenance.autoTransition ? "starts and completes on schedule" : "moved by hand only"}
          </span>
        </div>
        <h1 className="text-2xl font-bold">{maintenance.title}</h1>
        {maintenance.description && <p className="whitespace-pre-wrap">{maintenance.description}</p>}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          <div>
            <dt className="font-medium">Scheduled start</dt>
            <dd>
              <Utc at={maintenance.scheduledStart} />
            </dd>
          </div>
          <div>
            <dt className="font-medium">Scheduled end</dt>
            <dd>
              <Utc at={maintenance.scheduledEnd} />
            </dd>
          </div>
          <div>
            <dt className="font-medium">Started</dt>
            <dd>
              <Utc at={maintenance.startedAt} />
            </dd>
          </div>
          <div>
            <dt className="font-medium">Completed</dt>
            <dd>
              <Utc at={maintenance.completedAt} />
            </dd>
          </div>
        </dl>
        {!writer && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Read only: your role does not change maintenance.
          </p>
        )}
      </div>
      <section aria-labelledby="maintained" className="space-y-2">
        <h2 id="maintained" className="text-xl font-semibold">
          Components
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {maintenance.componentRegions.map((cr) => (
            <li key={cr.componentRegionId} className="rounded border border-slate-200 px-3 py-2 dark:border-slate-800">
              {cr.componentName} <span className="text-sm text-slate-600 dark:text-slate-400">in {cr.regionKey}</span>
            </li>
          ))}
        </ul>
      </section>
      {writer && maintenance.status !== "completed" && (
        <section
          aria-labelledby="move"
          className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="move" className="text-xl font-semibold">
            Move it on
          </h2>
          <TransitionForm maintenance={maintenance} />
        </section>
      )}
      <section aria-labelledby="m-timeline" className="space-y-3">
        <h2 id="m-timeline" className="text-xl font-semibold">
          Updates
        </h2>
        <ol className="space-y-3" aria-label="Updates, newest first">
          {[...maintenance.updates].reverse().map((u) => (
            <li
              key={u.id}
              className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
              data-maintenance-update={u.status}
            >
              <p className="flex flex-wrap gap-2 text-sm">
                <span className="font-semibold">{MAINTENANCE_STATUS_LABEL[u.status]}</span>
                <Utc at={u.createdAt} />
                <span className="text-slate-700 dark:text-slate-300">
                  {u.author ? `by ${u.author.name ?? u.author.email}` : "on schedule"}
                </span>
              </p>
              <p className="mt-2 whitespace-pre-wrap break-words">{u.message}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
