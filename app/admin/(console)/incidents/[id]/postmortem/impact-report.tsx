// The measured impact and the detection facts: figures from the record,
// not typed — minutes per component-region by status, failed checks per
// vantage, p95 during vs the week before, contracts charged.
import type { ReactNode } from "react";
import { formatDuration } from "@/lib/domain/time-display.ts";
import type { ImpactReport, PostmortemIncident } from "@/lib/postmortems/types.ts";
import { TH_CLASS as TH } from "../../../../_components/console-table.tsx";
import { ScrollArea } from "../../../../_components/scroll-area.tsx";
import { PriorityBadge, TierBadge, Utc } from "../../../../_components/badges.tsx";

const STATUS_COLUMNS = [
  ["major_outage", "Major outage"],
  ["partial_outage", "Partial outage"],
  ["degraded_performance", "Degraded"],
  ["under_maintenance", "Maintenance"],
  ["unknown", "No data"],
] as const;

const TD = "border-b border-slate-200 px-2 py-1 align-top dark:border-slate-800";

const min = (m: number) => `${Number.isInteger(m) ? m : m.toFixed(1)} min`;
const pct = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)} %`);
const ms = (v: number | null) => (v === null ? "—" : `${v} ms`);

function between(from: Date | null, to: Date | null): string | null {
  return from && to ? formatDuration(Math.max(0, to.getTime() - from.getTime())) : null;
}

export function DetectionFacts({ incident, report }: { incident: PostmortemIncident; report: ImpactReport | null }) {
  const failing = (report?.componentRegions ?? []).flatMap((cr) =>
    cr.vantages
      .filter((v) => v.failed > 0 && v.vantage !== "all")
      .map((v) => `${v.vantage} (${cr.componentName} in ${cr.regionName})`),
  );
  const rows: [string, ReactNode][] = [
    ["Source", incident.source === "detected" ? "Detected by probes" : "Declared by hand"],
    ["Started", <Utc key="s" at={incident.startedAt} />],
    ["Detected", <Utc key="d" at={incident.detectedAt} />],
    ["Time to detect", between(incident.startedAt, incident.detectedAt) ?? "—"],
    ["Acknowledged", <Utc key="a" at={incident.acknowledgedAt} />],
    ["Time to acknowledge", between(incident.detectedAt, incident.acknowledgedAt) ?? "—"],
    ["Mitigated", <Utc key="m" at={incident.mitigatedAt} />],
    ["Resolved", <Utc key="r" at={incident.resolvedAt} />],
    ["Time to resolve", between(incident.startedAt, incident.resolvedAt) ?? "—"],
  ];
  if (failing.length > 0) rows.splice(1, 0, ["Failing vantages", failing.join(", ")]);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="detection-facts">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ImpactTables({ report }: { report: ImpactReport | null }) {
  if (!report)
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        No measurement: the incident has no affected component-regions with probe history.
      </p>
    );
  return (
    <div className="space-y-4 text-sm" data-testid="impact-report">
      <p className="flex flex-wrap items-center gap-2">
        <PriorityBadge priority={report.priority} /> <TierBadge tier={report.tier} />
        <span>
          {min(report.durationMinutes)} from <Utc at={report.window.from} /> to <Utc at={report.window.to} />
          {report.window.ongoing ? " (still open when measured)" : ""}; measured <Utc at={report.measuredAt} />.
        </span>
      </p>
      <ScrollArea label="Minutes in each status">
        <table className="w-full border-collapse">
          <caption className="text-left font-semibold">Minutes in each confirmed status</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                Component
              </th>
              <th scope="col" className={TH}>
                Region
              </th>
              {STATUS_COLUMNS.map(([key, label]) => (
                <th key={key} scope="col" className={`${TH} text-right`}>
                  {label}
                </th>
              ))}
              <th scope="col" className={TH}>
                Failed checks per vantage
              </th>
              <th scope="col" className={`${TH} text-right`}>
                p95 during
              </th>
              <th scope="col" className={`${TH} text-right`}>
                p95 week before
              </th>
            </tr>
          </thead>
          <tbody>
            {report.componentRegions.map((cr) => (
              <tr key={cr.componentRegionId} data-impact-row={`${cr.componentKey}@${cr.regionKey}`}>
                <th scope="row" className={`${TD} font-medium`}>
                  {cr.componentName} <TierBadge tier={cr.tier} />
                </th>
                <td className={TD}>{cr.regionKey}</td>
                {STATUS_COLUMNS.map(([key]) => (
                  <td key={key} className={`${TD} text-right tabular-nums`} data-minutes={key}>
                    {min(cr.minutes[key])}
                  </td>
                ))}
                <td className={TD}>
                  {cr.vantages.length === 0
                    ? "—"
                    : cr.vantages.map((v) => (
                        <span key={v.vantage} className="block">
                          {v.vantage === "all" ? "all vantages" : v.vantage}: {pct(v.failedShare)} ({v.failed} of{" "}
                          {v.checks})
                        </span>
                      ))}
                </td>
                <td className={`${TD} text-right tabular-nums`}>{ms(cr.latency.p95DuringMs)}</td>
                <td className={`${TD} text-right tabular-nums`}>{ms(cr.latency.p95WeekBeforeMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      <ContractsCharged report={report} />
    </div>
  );
}

function ContractsCharged({ report }: { report: ImpactReport }) {
  if (report.contracts.length === 0) {
    return <p>{report.contractsError ?? "No customer contract covers the affected component-regions."}</p>;
  }
  return (
    <ScrollArea label="SLA downtime charged to contracts">
      <table className="w-full border-collapse">
        <caption className="text-left font-semibold">
          SLA downtime charged to customer contracts (the same rule as SLA statements)
        </caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              Customer
            </th>
            <th scope="col" className={TH}>
              Contract
            </th>
            <th scope="col" className={TH}>
              Month
            </th>
            <th scope="col" className={`${TH} text-right`}>
              Downtime charged
            </th>
          </tr>
        </thead>
        <tbody>
          {report.contracts.flatMap((c) =>
            c.months.map((m) => (
              <tr key={`${c.contractId}-${m.month}`} data-contract={c.contractId}>
                <td className={TD}>{c.customerName}</td>
                <td className={TD}>{c.contractName}</td>
                <td className={TD}>{m.month}</td>
                <td className={`${TD} text-right tabular-nums`}>
                  {min(m.downtimeMinutes)}
                  {m.unknownMinutes > 0 ? ` (+ ${min(m.unknownMinutes)} without data)` : ""}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </ScrollArea>
  );
}
