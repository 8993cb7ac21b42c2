// The notice sections a region or component page shares with the front page:
// what is happening now, what is scheduled, and recent incidents.
import type { IncidentSummary } from "@/lib/public/incidents.ts";
import type { MaintenanceSummary } from "@/lib/public/maintenance.ts";
import { IncidentCard, IncidentListItem, MaintenanceCard } from "./notices.tsx";

export function HappeningNow({
  incidents,
  maintenance,
  now,
  where,
}: {
  incidents: IncidentSummary[];
  maintenance: MaintenanceSummary[];
  now: Date;
  where: string;
}) {
  return (
    <section aria-labelledby="now" className="space-y-3">
      <h2 id="now" className="text-xl font-semibold">
        Happening now
      </h2>
      {incidents.length === 0 && maintenance.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">No open incidents or maintenance {where}.</p>
      )}
      {incidents.map((incident) => (
        <IncidentCard key={incident.id} incident={incident} now={now} />
      ))}
      {maintenance.map((m) => (
        <MaintenanceCard key={m.id} maintenance={m} />
      ))}
    </section>
  );
}

export function ScheduledMaintenance({ maintenance }: { maintenance: MaintenanceSummary[] }) {
  if (maintenance.length === 0) return null;
  return (
    <section aria-labelledby="upcoming" className="space-y-3">
      <h2 id="upcoming" className="text-xl font-semibold">
        Scheduled maintenance
      </h2>
      {maintenance.map((m) => (
        <MaintenanceCard key={m.id} maintenance={m} />
      ))}
    </section>
  );
}

export function RecentIncidents({
  incidents,
  now,
  where,
  historyHref,
}: {
  incidents: IncidentSummary[];
  now: Date;
  where: string;
  historyHref: string;
}) {
  return (
    <section aria-labelledby="recent" className="space-y-2">
      <h2 id="recent" className="text-xl font-semibold">
        Incidents in the last 90 days
      </h2>
      {incidents.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No incidents reported {where}.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {incidents.map((incident) => (
            <IncidentListItem key={incident.id} incident={incident} now={now} />
          ))}
        </ul>
      )}
      <p>
        <a className="text-sm underline underline-offset-2" href={historyHref}>
          All incidents {where} →
        </a>
      </p>
    </section>
  );
}
