// Incidents and maintenance as cards (open ones, with their latest update and
// what they affect) and as compact list items (history).
import { groupAffectedByComponent } from "@/lib/domain/affected.ts";
import { elapsed, formatDuration } from "@/lib/domain/time-display.ts";
import type { IncidentSummary } from "@/lib/public/incidents.ts";
import type { MaintenanceSummary } from "@/lib/public/maintenance.ts";
import { LocalTime } from "./local-time.tsx";
import {
  IMPACT_LABEL,
  IMPACT_TONE,
  INCIDENT_STATUS_LABEL,
  MAINTENANCE_STATUS_LABEL,
  MAINTENANCE_TONE,
} from "./notice-labels.ts";
import { StatusLabel } from "./status-icon.tsx";

type Heading = "h2" | "h3" | "h4";

const iso = (date: Date) => date.toISOString();

export function Badge({ className, children }: { className: string; children: React.ReactNode }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${className}`}>{children}</span>;
}

/** "Checkout (us-central1.gcp, us-east-2.aws) · Search (eu-central-1.aws)". */
export function AffectedSummary({
  affected,
}: {
  affected: IncidentSummary["affected"] | MaintenanceSummary["affected"];
}) {
  if (affected.length === 0) return null;
  return (
    <p className="text-sm text-slate-700 dark:text-slate-300">
      <span className="font-medium">Affected: </span>
      {groupAffectedByComponent(affected)
        .map((c) => `${c.componentName} (${c.regionKeys.join(", ")})`)
        .join(" · ")}
    </p>
  );
}

export function IncidentCard({
  incident,
  now,
  heading: H = "h3",
}: {
  incident: IncidentSummary;
  now: Date;
  heading?: Heading;
}) {
  const tone = IMPACT_TONE[incident.impact];
  return (
    <article
      className={`rounded-lg border border-l-4 border-slate-200 ${tone.border} bg-white p-4 dark:border-slate-800 dark:bg-slate-900`}
      data-incident={incident.id}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge className={tone.badge}>{IMPACT_LABEL[incident.impact]}</Badge>
        <span className="text-sm font-semibold">{INCIDENT_STATUS_LABEL[incident.status]}</span>
      </div>
      <H className="mt-1 text-lg font-semibold">
        <a
          className="underline decoration-slate-400 underline-offset-2 hover:decoration-2"
          href={`/incidents/${incident.id}`}
        >
          {incident.title}
        </a>
      </H>
      {incident.latestUpdate && (
        <div className="mt-2 text-sm">
          <p className="whitespace-pre-line">
            <span className="font-semibold">{INCIDENT_STATUS_LABEL[incident.latestUpdate.status]}</span> –{" "}
            {incident.latestUpdate.message}
          </p>
          <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
            Latest update <LocalTime at={iso(incident.latestUpdate.at)} />
          </p>
        </div>
      )}
      {incident.affected.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm" aria-label="Affected components and regions">
          {incident.affected.map((a) => (
            <li key={`${a.componentKey}/${a.regionKey}`} className="flex flex-wrap items-center gap-x-2">
              <span className="font-medium">{a.componentName}</span>
              <span className="text-slate-600 dark:text-slate-400">in {a.regionKey}</span>
              <StatusLabel status={a.status} compact />
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        Started <LocalTime at={iso(incident.startedAt)} /> · {incident.resolvedAt ? "lasted" : "ongoing for"}{" "}
        {formatDuration(elapsed(incident.startedAt, incident.resolvedAt, now))}
      </p>
    </article>
  );
}

export function IncidentListItem({
  incident,
  now,
  heading: H = "h3",
  showUpdate = false,
}: {
  incident: IncidentSummary;
  now: Date;
  heading?: Heading;
  showUpdate?: boolean;
}) {
  return (
    <li className="py-3" data-incident={incident.id}>
      <H className="font-semibold">
        <a
          className="underline decoration-slate-400 underline-offset-2 hover:decoration-2"
          href={`/incidents/${incident.id}`}
        >
          {incident.title}
        </a>{" "}
        <Badge className={IMPACT_TONE[incident.impact].badge}>{IMPACT_LABEL[incident.impact]}</Badge>
      </H>
      {showUpdate && incident.latestUpdate && (
        <p className="mt-1 line-clamp-3 whitespace-pre-line text-sm">
          <span className="font-semibold">{INCIDENT_STATUS_LABEL[incident.latestUpdate.status]}</span> –{" "}
          {incident.latestUpdate.message}
        </p>
      )}
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {INCIDENT_STATUS_LABEL[incident.status]} · started <LocalTime at={iso(incident.startedAt)} /> ·{" "}
        {incident.resolvedAt ? "lasted" : "ongoing for"}{" "}
        {formatDuration(elapsed(incident.startedAt, incident.resolvedAt, now))}
      </p>
      <AffectedSummary affected={incident.affected} />
    </li>
  );
}

export function MaintenanceCard({
  maintenance,
  heading: H = "h3",
}: {
  maintenance: MaintenanceSummary;
  heading?: Heading;
}) {
  return (
    <article
      className={`rounded-lg border border-l-4 border-slate-200 ${MAINTENANCE_TONE.border} bg-white p-4 dark:border-slate-800 dark:bg-slate-900`}
      data-maintenance={maintenance.id}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge className={MAINTENANCE_TONE.badge}>Maintenance</Badge>
        <span className="text-sm font-semibold">{MAINTENANCE_STATUS_LABEL[maintenance.status]}</span>
      </div>
      <H className="mt-1 text-lg font-semibold">
        <a
          className="underline decoration-slate-400 underline-offset-2 hover:decoration-2"
          href={`/maintenance/${maintenance.id}`}
        >
          {maintenance.title}
        </a>
      </H>
      <p className="mt-1 text-sm">
        <LocalTime at={iso(maintenance.scheduledStart)} /> to <LocalTime at={iso(maintenance.scheduledEnd)} />
      </p>
      {(maintenance.latestUpdate?.message || maintenance.description) && (
        <p className="mt-2 whitespace-pre-line text-sm">
          {maintenance.latestUpdate?.message || maintenance.description}
        </p>
      )}
      <div className="mt-2">
        <AffectedSummary affected={maintenance.affected} />
      </div>
    </article>
  );
}
