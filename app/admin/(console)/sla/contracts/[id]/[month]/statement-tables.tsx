// The statement's detail, table by table: per covered component-region, the
// incidents, the maintenance windows, the data gaps and each day. Tables are
// `relative`: their screen-reader-only text stays inside the scroll area.
import { STATUS_LABEL } from "@/lib/domain/status.ts";
import { formatDayKey } from "@/lib/domain/time-display.ts";
import { DECISION_LABEL, formatIso, formatMinutes, formatPercent } from "@/lib/sla/statement-labels.ts";
import type { MeasuredStatus, Statement } from "@/lib/sla/types.ts";
import { PriorityBadge } from "../../../../../_components/badges.tsx";
import { ScrollArea } from "../../../../../_components/scroll-area.tsx";

const CELL = "px-3 py-2 align-top";
const STATUSES: MeasuredStatus[] = ["operational", "degraded_performance", "partial_outage", "major_outage"];

function Head({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr className="text-left">
        {columns.map((c) => (
          <th key={c} scope="col" className={`${CELL} font-semibold`}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

const ROW = "border-t border-slate-200 dark:border-slate-800";

export function ComponentRegionTable({ statement }: { statement: Statement }) {
  return (
    <ScrollArea label="Covered component-regions">
      <table className="relative w-full min-w-[56rem] text-sm" data-testid="component-regions">
        <Head
          columns={[
            "Component · region",
            "Availability",
            ...STATUSES.map((s) => STATUS_LABEL[s]),
            "Downtime",
            "Maintenance excluded",
            "Maintenance counted",
            "Unknown",
          ]}
        />
        <tbody>
          {statement.componentRegions.map((cr) => (
            <tr key={cr.componentRegionId} className={ROW} data-component-region={`${cr.componentKey}@${cr.regionKey}`}>
              <th scope="row" className={`${CELL} text-left font-medium`}>
                {cr.componentName}{" "}
                <span className="font-normal text-slate-600 dark:text-slate-400">· {cr.regionKey}</span>
              </th>
              <td className={CELL}>{formatPercent(cr.availabilityPercent)}</td>
              {STATUSES.map((s) => (
                <td key={s} className={CELL}>
                  {formatMinutes(cr.minutesByStatus[s])}
                </td>
              ))}
              <td className={CELL}>{formatMinutes(cr.downtimeMinutes)}</td>
              <td className={CELL}>{formatMinutes(cr.excludedMaintenanceMinutes)}</td>
              <td className={CELL}>{formatMinutes(cr.countedMaintenanceMinutes)}</td>
              <td className={CELL}>{formatMinutes(cr.unknownMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

export function IncidentTable({ statement }: { statement: Statement }) {
  if (statement.incidents.length === 0)
    return <p className="text-slate-700 dark:text-slate-300">No incident touched this contract in the month.</p>;
  return (
    <ScrollArea label="Incidents">
      <table className="relative w-full min-w-[48rem] text-sm" data-testid="incidents">
        <Head columns={["Incident", "Priority", "Started", "Duration", "Minutes charged", "Affected", "Links"]} />
        <tbody>
          {statement.incidents.map((incident) => (
            <tr key={incident.id} className={ROW} data-incident={incident.id}>
              <th scope="row" className={`${CELL} text-left font-medium`}>
                {incident.title}
              </th>
              <td className={CELL}>
                <PriorityBadge priority={incident.priority} />
              </td>
              <td className={CELL}>{formatIso(incident.startedAt)}</td>
              <td className={CELL}>{formatMinutes(incident.durationMinutes)}</td>
              <td className={CELL}>{formatMinutes(incident.chargedMinutes)}</td>
              <td className={CELL}>{incident.componentRegions.join("; ")}</td>
              <td className={CELL}>
                <span className="flex flex-col gap-1">
                  <a className="underline" href={incident.url}>
                    Public page<span className="sr-only"> of {incident.title}</span>
                  </a>
                  {incident.postmortemUrl ? (
                    <a className="underline" href={incident.postmortemUrl}>
                      Postmortem<span className="sr-only"> of {incident.title}</span>
                    </a>
                  ) : (
                    <span className="text-slate-600 dark:text-slate-400">No postmortem published</span>
                  )}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

export function MaintenanceTable({ statement }: { statement: Statement }) {
  if (statement.maintenance.length === 0)
    return <p className="text-slate-700 dark:text-slate-300">No maintenance in the month.</p>;
  return (
    <ScrollArea label="Maintenance windows">
      <table className="relative w-full min-w-[48rem] text-sm" data-testid="maintenance">
        <Head columns={["Maintenance", "Window", "Announced", "Decision", "Excluded", "Counted", "Why"]} />
        <tbody>
          {statement.maintenance.map((m) => (
            <tr key={m.id} className={ROW} data-maintenance={m.id}>
              <th scope="row" className={`${CELL} text-left font-medium`}>
                {m.title}
                <span className="block font-normal text-slate-600 dark:text-slate-400">
                  {m.componentRegions.join("; ")}
                </span>
              </th>
              <td className={CELL}>
                {formatIso(m.from)} – {formatIso(m.to)}
              </td>
              <td className={CELL}>{formatIso(m.announcedAt)}</td>
              <td className={`${CELL} font-semibold`}>{DECISION_LABEL[m.decision]}</td>
              <td className={CELL}>{formatMinutes(m.excludedMinutes)}</td>
              <td className={CELL}>{formatMinutes(m.countedMinutes)}</td>
              <td className={CELL}>{m.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

export function DataGaps({ statement }: { statement: Statement }) {
  if (statement.figures.unknownMinutes === 0) return null;
  return (
    <section
      aria-labelledby="gaps"
      className="space-y-2 rounded-lg border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
      data-testid="data-gaps"
    >
      <h2 id="gaps" className="text-lg font-semibold">
        Data gap: {formatMinutes(statement.figures.unknownMinutes)} without measurements
      </h2>
      <p className="text-sm">
        These minutes are left out of the availability (neither up nor down). Check them before you send the statement.
      </p>
      <ul className="list-disc pl-5 text-sm">
        {statement.dataGaps.map((gap) => (
          <li key={`${gap.from}-${gap.componentRegions.join(",")}`}>
            {formatIso(gap.from)} – {formatIso(gap.to)} ({formatMinutes(gap.minutes)}):{" "}
            {gap.componentRegions.join("; ")}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The chart is drawn by lib/sla (numbers and escaped text only); the table says the same in words. */
export function DailyChart({ statement, svg }: { statement: Statement; svg: string }) {
  return (
    <div className="space-y-2">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: lib/sla/daily-chart-svg.ts builds it from numbers and escapes every text */}
      <div className="overflow-x-auto [&>svg]:h-auto [&>svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />
      <details>
        <summary className="cursor-pointer font-medium">The daily figures as a table</summary>
        <ScrollArea label="Daily figures" className="mt-2">
          <table className="relative w-full min-w-[32rem] text-sm" data-testid="daily">
            <Head columns={["Day", "Availability", "Downtime", "Excluded", "Unknown"]} />
            <tbody>
              {statement.daily.map((d) => (
                <tr key={d.day} className={ROW}>
                  <th scope="row" className={`${CELL} text-left font-medium`}>
                    {formatDayKey(d.day)}
                  </th>
                  <td className={CELL}>{formatPercent(d.availabilityPercent)}</td>
                  <td className={CELL}>{formatMinutes(d.downtimeMinutes)}</td>
                  <td className={CELL}>{formatMinutes(d.excludedMinutes)}</td>
                  <td className={CELL}>{formatMinutes(d.unknownMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </details>
    </div>
  );
}
