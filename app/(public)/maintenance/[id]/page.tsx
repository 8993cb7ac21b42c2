// GET /maintenance/[id] – one maintenance window: when, what it touches, and
// its updates oldest first.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LocalTime } from "@/app/_components/local-time.tsx";
import { Badge } from "@/app/_components/notices.tsx";
import { MAINTENANCE_STATUS_LABEL, MAINTENANCE_TONE } from "@/app/_components/notice-labels.ts";
import { TierBadge } from "@/app/_components/status-matrix.tsx";
import { db } from "@/lib/db.ts";
import { formatDuration } from "@/lib/domain/time-display.ts";
import { getMaintenance } from "@/lib/public/maintenance.ts";
import { idParam } from "@/lib/public/route-params.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (raw: string) => {
  const id = idParam.safeParse(raw);
  return id.success ? getMaintenance(db(), id.data) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const maintenance = await load((await params).id);
  return { title: maintenance ? maintenance.title : "Maintenance not found" };
}

export default async function MaintenancePage({ params }: Props) {
  const maintenance = await load((await params).id);
  if (!maintenance) notFound();
  const planned = maintenance.scheduledEnd.getTime() - maintenance.scheduledStart.getTime();

  return (
    <main id="main" className="mx-auto max-w-3xl space-y-8 px-4 py-8">
      <div className={`space-y-2 border-l-4 pl-4 ${MAINTENANCE_TONE.border}`}>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge className={MAINTENANCE_TONE.badge}>Maintenance</Badge>
          <span className="font-semibold">{MAINTENANCE_STATUS_LABEL[maintenance.status]}</span>
        </p>
        <h1 className="text-2xl font-bold">{maintenance.title}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Scheduled</dt>
          <dd>
            <LocalTime at={maintenance.scheduledStart.toISOString()} /> to{" "}
            <LocalTime at={maintenance.scheduledEnd.toISOString()} /> ({formatDuration(Math.max(0, planned))})
          </dd>
          {maintenance.startedAt && (
            <>
              <dt className="text-slate-600 dark:text-slate-400">Started</dt>
              <dd>
                <LocalTime at={maintenance.startedAt.toISOString()} />
              </dd>
            </>
          )}
          {maintenance.completedAt && (
            <>
              <dt className="text-slate-600 dark:text-slate-400">Completed</dt>
              <dd>
                <LocalTime at={maintenance.completedAt.toISOString()} />
              </dd>
            </>
          )}
        </dl>
        {maintenance.description && <p className="whitespace-pre-line">{maintenance.description}</p>}
      </div>

      {maintenance.affected.length > 0 && (
        <section aria-labelledby="affected" className="space-y-2">
          <h2 id="affected" className="text-xl font-semibold">
            Components and regions under maintenance
          </h2>
          <ul className="space-y-1 text-sm">
            {maintenance.affected.map((a) => (
              <li key={`${a.componentKey}/${a.regionKey}`}>
                <a
                  className="font-medium underline decoration-slate-400 underline-offset-2"
                  href={`/components/${a.componentKey}`}
                >
                  {a.componentName}
                </a>
                <TierBadge tier={a.tier} /> in{" "}
                <a className="underline decoration-slate-400 underline-offset-2" href={`/regions/${a.regionKey}`}>
                  {a.regionKey}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="updates" className="space-y-3">
        <h2 id="updates" className="text-xl font-semibold">
          Updates
        </h2>
        {maintenance.updates.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No updates have been posted yet.</p>
        ) : (
          <ol
            className="space-y-5 border-l-2 border-slate-200 pl-5 dark:border-slate-700"
            aria-label="Updates, oldest first"
          >
            {maintenance.updates.map((update) => (
              <li key={update.id}>
                <h3 className="font-semibold">{MAINTENANCE_STATUS_LABEL[update.status]}</h3>
                <p className="mt-1 whitespace-pre-line">{update.message}</p>
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  <LocalTime at={update.at.toISOString()} />
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <p>
        <a className="text-sm underline underline-offset-2" href="/">
          ← Current status
        </a>
      </p>
    </main>
  );
}
