// The measured impact of an incident as stored (Postmortem.impactReport), and
// its Markdown and public summaries. Pure; lib/postmortems/measure-impact.ts
// measures it. Times are ISO strings: it is JSON.
import type {
  ComponentStatus,
  Coverage,
  IncidentImpact,
  MonthRule,
  Priority,
  Tier,
} from "../generated/prisma/enums.ts";

export type MinutesByStatus = Record<ComponentStatus | "unknown", number>;

export interface VantageFailures {
  /** Vantage region key; "all" when only rollups remain (they do not keep the vantage). */
  vantage: string;
  checks: number;
  /** Checks that were not up (down or degraded). */
  failed: number;
  /** Of those, degraded (up but slower than the probe allows). */
  degraded: number;
  /** failed / checks; null without checks. */
  failedShare: number | null;
}

export interface ImpactComponentRegion {
  componentRegionId: string;
  componentKey: string;
  componentName: string;
  regionKey: string;
  regionName: string;
  tier: Tier;
  /** Minutes in each confirmed (probe) status during [startedAt, resolvedAt ?? measuredAt). */
  minutes: MinutesByStatus;
  /** Raw check results where they are still kept, else minute rollups. */
  checksFrom: "raw" | "rollups" | "none";
  vantages: VantageFailures[];
  latency: { p95DuringMs: number | null; p95WeekBeforeMs: number | null };
}

export interface ImpactContractMonth {
  /** "YYYY-MM" (calendar) or the contract month's first day (fixed 30 days). */
  month: string;
  downtimeMinutes: number;
  unknownMinutes: number;
}

export interface ImpactContract {
  contractId: string;
  contractName: string;
  customerName: string;
  coverage: Coverage;
  monthRule: MonthRule;
  /** The affected ComponentRegions this contract covers. */
  componentRegionIds: string[];
  /** Weighted downtime this incident charges, per contract month it touches (lib/domain/sla.ts). */
  months: ImpactContractMonth[];
  downtimeMinutes: number;
}

export interface ImpactReport {
  version: 1;
  /** The `now` it was measured as of. */
  measuredAt: string;
  /** Wall-clock time of the measurement, compared with Incident.updatedAt to know when the record moved on. */
  refreshedAt?: string;
  window: { from: string; to: string; ongoing: boolean };
  durationMinutes: number;
  priority: Priority;
  impact: IncidentImpact;
  tier: Tier;
  componentRegions: ImpactComponentRegion[];
  contracts: ImpactContract[];
  /** Set when the contracts' downtime could not be computed; the rest of the report stands. */
  contractsError?: string;
}

const MINUTE_COLUMNS: readonly [keyof MinutesByStatus, string][] = [
  ["major_outage", "Major outage"],
  ["partial_outage", "Partial outage"],
  ["degraded_performance", "Degraded"],
  ["under_maintenance", "Maintenance"],
  ["unknown", "No data"],
];

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const minutes = (m: number) => `${Number.isInteger(m) ? m : m.toFixed(1)} min`;
const ms = (v: number | null) => (v === null ? "—" : `${v} ms`);
const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)} %`);

function failedChecks(cr: ImpactComponentRegion): string {
  if (cr.vantages.length === 0) return "—";
  return cr.vantages
    .map((v) => (v.vantage === "all" ? percent(v.failedShare) : `${v.vantage} ${percent(v.failedShare)}`))
    .join(", ");
}

/** Markdown for the Impact section's first draft: the measured figures as tables. */
export function impactMarkdown(report: ImpactReport): string {
  const lines = [
    `Measured from the confirmed status history over ${minutes(report.durationMinutes)}${report.window.ongoing ? " (the incident was still open)" : ""}. Priority ${report.priority}, ${report.tier === "TIER_1" ? "tier 1" : "tier 2"}.`,
    "",
    `| Component | Region | ${MINUTE_COLUMNS.map(([, label]) => label).join(" | ")} | Failed checks | p95 during | p95 week before |`,
    `|---|---|${MINUTE_COLUMNS.map(() => "---:").join("|")}|---|---:|---:|`,
    ...report.componentRegions.map(
      (cr) =>
        `| ${cell(cr.componentName)} | ${cell(cr.regionName)} | ${MINUTE_COLUMNS.map(([key]) => minutes(cr.minutes[key])).join(" | ")} | ${cell(failedChecks(cr))} | ${ms(cr.latency.p95DuringMs)} | ${ms(cr.latency.p95WeekBeforeMs)} |`,
    ),
  ];
  if (report.contracts.length > 0) {
    lines.push("", "SLA downtime charged to customer contracts:", "");
    for (const c of report.contracts) {
      const months = c.months.map((m) => `${m.month}: ${minutes(m.downtimeMinutes)}`).join(", ");
      lines.push(`- ${cell(c.customerName)}, ${cell(c.contractName)}: ${minutes(c.downtimeMinutes)} (${months})`);
    }
  } else if (report.contractsError) {
    lines.push("", report.contractsError);
  }
  return lines.join("\n");
}

/** The part of the measured impact readers see: duration and minutes per ComponentRegion (no checks, no contracts). */
export function publicImpact(report: ImpactReport): {
  durationMinutes: number;
  componentRegions: { component: string; region: string; tier: Tier; minutes: Partial<MinutesByStatus> }[];
} {
  return {
    durationMinutes: report.durationMinutes,
    componentRegions: report.componentRegions.map((cr) => ({
      component: cr.componentName,
      region: cr.regionName,
      tier: cr.tier,
      minutes: Object.fromEntries(
        Object.entries(cr.minutes).filter(([key, value]) => value > 0 && key !== "operational"),
      ) as Partial<MinutesByStatus>,
    })),
  };
}

/** The worst status any affected ComponentRegion spent time in. */
export function worstMeasuredStatus(report: ImpactReport): ComponentStatus | null {
  const order: ComponentStatus[] = ["major_outage", "partial_outage", "degraded_performance"];
  return order.find((s) => report.componentRegions.some((cr) => cr.minutes[s] > 0)) ?? null;
}
