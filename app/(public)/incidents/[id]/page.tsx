// GET /incidents/[id] – one incident's story: what it affects, every update
// oldest first, how long it lasted, and the postmortem once published.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LocalTime } from "@/app/_components/local-time.tsx";
import { Badge } from "@/app/_components/notices.tsx";
import { IMPACT_LABEL, IMPACT_TONE, INCIDENT_STATUS_LABEL } from "@/app/_components/notice-labels.ts";
import { StatusLabel } from "@/app/_components/status-icon.tsx";
import { TierBadge } from "@/app/_components/status-matrix.tsx";
import { db } from "@/lib/db.ts";
import { elapsed, formatDuration } from "@/lib/domain/time-display.ts";
import { getIncident } from "@/lib/public/incidents.ts";
import { idParam } from "@/lib/public/route-params.ts";
import { PublishedPostmortemSection } from "./postmortem-section.tsx";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (raw: string) => {
  const id = idParam.safeParse(raw);
  return id.success ? getIncident(db(), id.data) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const incident = await load((await params).id);
  return { title: incident ? incident.title : "Incident not found" };
}

export default async function IncidentPage({ params }: Props) {
  const incident = await load((await params).id);
  if (!incident) notFound();
  const now = new Date();
  const tone = IMPACT_TONE[incident.impact];
  const latest = incident.updates.at(-1);

  return (
    <main id="main" className="mx-auto max-w-3xl space-y-8 px-4 py-8">
      <div className={`space-y-2 border-l-4 pl-4 ${tone.border}`}>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge className={tone.badge}>{IMPACT_LABEL[incident.impact]}</Badge>
          <span className="font-semibold" data-incident-status={incident.status}>
            {INCIDENT_STATUS_LABEL[incident.status]}
          </span>
        </p>
        <h1 className="text-2xl font-bold">{incident.title}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Started</dt>
          <dd>
            <LocalTime at={incident.startedAt.toISOString()} />
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">{incident.resolvedAt ? "Resolved" : "Status"}</dt>
          <dd>{incident.resolvedAt ? <LocalTime at={incident.resolvedAt.toISOString()} /> : "Not resolved yet"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Duration</dt>
          <dd data-duration>
            {formatDuration(elapsed(incident.startedAt, incident.resolvedAt, now))}
            {incident.resolvedAt ? "" : " so far"}
          </dd>
        </dl>
        {!incident.resolvedAt && (
          <p>
            <a
              href={`/subscribe?incident=${encodeURIComponent(incident.id)}`}
              data-testid="follow-incident"
              className="inline-block rounded border border-slate-400 px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Get updates on this incident
            </a>
          </p>
        )}
        {latest && incident.updates.length > 1 && (
          <p className="text-sm">
            <a className="underline underline-offset-2" href={`#update-${latest.id}`}>
              Jump to the latest update
            </a>
          </p>
        )}
      </div>

      {incident.affected.length > 0 && (
        <section aria-labelledby="affected" className="space-y-2">
          <h2 id="affected" className="text-xl font-semibold">
            Affected components and regions
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">
                {incident.resolvedAt
                  ? "Status each component had in each region during the incident"
                  : "Current status of each affected component in each region"}
              </caption>
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="col" className="py-2 pr-3 font-semibold">
                    Component
                  </th>
                  <th scope="col" className="py-2 pr-3 font-semibold">
                    Region
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    {incident.resolvedAt ? "Status during the incident" : "Status"}
                  </th>
                </tr>
              </thead>
              <tbody>
                {incident.affected.map((a) => (
                  <tr
                    key={`${a.componentKey}/${a.regionKey}`}
                    className="border-b border-slate-100 dark:border-slate-800"
                    data-component={a.componentKey}
                    data-region={a.regionKey}
                  >
                    <th scope="row" className="py-2 pr-3 font-medium">
                      <a
                        className="underline decoration-slate-400 underline-offset-2"
                        href={`/components/${a.componentKey}`}
                      >
                        {a.componentName}
                      </a>
                      <TierBadge tier={a.tier} />
                    </th>
                    <td className="py-2 pr-3">
                      <a className="underline decoration-slate-400 underline-offset-2" href={`/regions/${a.regionKey}`}>
                        {a.regionKey}
                      </a>
                    </td>
                    <td className="py-2">
                      <StatusLabel status={a.status} compact />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="updates" className="space-y-3">
        <h2 id="updates" className="text-xl font-semibold">
          Updates
        </h2>
        {incident.updates.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No updates have been posted yet.</p>
        ) : (
          <ol
            className="relative space-y-5 border-l-2 border-slate-200 pl-5 dark:border-slate-700"
            aria-label="Updates, oldest first"
          >
            {incident.updates.map((update) => (
              <li key={update.id} id={`update-${update.id}`} className="relative" data-update-status={update.status}>
                <span
                  className="absolute -left-[1.72rem] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-slate-500 dark:border-slate-950"
                  aria-hidden="true"
                />
                <h3 className="font-semibold">{INCIDENT_STATUS_LABEL[update.status]}</h3>
                <p className="mt-1 whitespace-pre-line">{update.message}</p>
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  <LocalTime at={update.at.toISOString()} />
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {incident.postmortem && <PublishedPostmortemSection postmortem={incident.postmortem} />}

      <p>
        <a className="text-sm underline underline-offset-2" href="/history">
          ← Incident history
        </a>
      </p>
    </main>
  );
}
