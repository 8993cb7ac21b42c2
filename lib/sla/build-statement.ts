// A contract's month as a Statement: the domain's minute rule (lib/domain/sla)
// does the counting; this only arranges its answer for readers. No I/O.
import { chargedMinutesWithin, type ContractDowntime, contractDowntime, MINUTE_MS } from "../domain/sla.ts";
import { formatSlaPercent, statementFigures } from "../domain/sla-figures.ts";
import type { StatusPoint } from "../domain/uptime.ts";
import type { ContractMonth } from "./load-contract.ts";
import { monthClosesAt } from "./statement-schedule.ts";
import type {
  MaintenanceDecision,
  Statement,
  StatementComponentRegion,
  StatementDataGap,
  StatementFigures,
  StatementHeader,
  StatementIncident,
  StatementMaintenance,
  StatementRestatement,
  StatementState,
} from "./types.ts";

export interface StatementStamp {
  computedAt: Date;
  state: StatementState;
  revision: number | null;
  issuedAt: Date | null;
  restatement: StatementRestatement | null;
}

/** Minutes are exact to thousandths (weights are); keep them so, without float noise. */
export function minutes3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A fraction as percent with 3 decimals, cut as the domain prints it (never shows a miss as met). */
export function percent3(fraction: number | null): number | null {
  if (fraction === null) return null;
  return Number.parseFloat(formatSlaPercent(fraction * 100));
}

export function computeContractDowntime(input: ContractMonth): ContractDowntime {
  return contractDowntime({
    terms: input.terms,
    window: input.window,
    monthMinutes: input.monthMinutes,
    componentRegions: input.covered.map((cr) => {
      const h = input.histories.get(cr.id);
      return { componentRegionId: cr.id, initial: h?.initial ?? null, history: h?.history ?? [] };
    }),
    maintenance: input.maintenance,
  });
}

function header(input: ContractMonth, stamp: StatementStamp): StatementHeader {
  const c = input.contract;
  return {
    customer: c.customer,
    contract: {
      id: c.id,
      name: c.name,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      coverage: c.coverage,
      partialOutageWeight: c.partialOutageWeight,
      degradedWeight: c.degradedWeight,
      maintenanceNoticeDays: c.maintenanceNoticeDays,
      maintenanceAllowanceHours: c.maintenanceAllowanceHours,
      closeAfterDays: c.closeAfterDays,
      creditTiers: c.creditTiers,
      monthlyFee: c.monthlyFee,
      currency: c.currency,
    },
    month: input.month.month,
    monthRule: input.month.rule,
    window: { from: input.window.from.toISOString(), to: input.window.to.toISOString() },
    monthMinutes: input.monthMinutes,
    targetPercent: c.targetPercent,
    state: stamp.state,
    revision: stamp.revision,
    issuedAt: stamp.issuedAt?.toISOString() ?? null,
    closesAt: monthClosesAt(input.month.month, c.closeAfterDays).toISOString(),
    computedAt: stamp.computedAt.toISOString(),
  };
}

function figures(input: ContractMonth, downtime: ContractDowntime): StatementFigures {
  const f = statementFigures(downtime, {
    slaTargetPercent: input.contract.targetPercent,
    creditTiers: input.creditTiers,
    monthlyFee: input.contract.monthlyFee,
  });
  return {
    availabilityPercent: percent3(downtime.availability),
    downtimeMinutes: minutes3(f.downtimeMinutes),
    allowedDowntimeMinutes: minutes3(f.allowedDowntimeMinutes),
    errorBudgetUsedPercent: f.errorBudgetUsedPercent === null ? null : Math.round(f.errorBudgetUsedPercent * 100) / 100,
    met: f.met,
    creditPercent: f.creditPercent,
    creditAmount: f.creditAmount,
    monthlyFee: input.contract.monthlyFee,
    currency: input.contract.currency,
    monthMinutes: downtime.monthMinutes,
    excludedMinutes: minutes3(downtime.excludedMinutes),
    // Minutes outside the contract's term leave the denominator like unknown ones, but are no data gap.
    unknownMinutes: minutes3(downtime.unknownMinutes),
    measuredMinutes: minutes3(downtime.measuredMinutes),
  };
}

function componentRegionRows(input: ContractMonth, downtime: ContractDowntime): StatementComponentRegion[] {
  const byId = new Map(downtime.componentRegions.map((cr) => [cr.componentRegionId, cr]));
  return input.covered.map((cr) => {
    const d = byId.get(cr.id);
    const m = d?.minutes;
    return {
      componentRegionId: cr.id,
      componentKey: cr.componentKey,
      componentName: cr.componentName,
      tier: cr.tier,
      productKey: cr.productKey,
      productName: cr.productName,
      regionKey: cr.regionKey,
      regionName: cr.regionName,
      availabilityPercent: percent3(d?.availability ?? null),
      minutesByStatus: {
        operational: m?.operational ?? 0,
        degraded_performance: m?.degraded_performance ?? 0,
        partial_outage: m?.partial_outage ?? 0,
        major_outage: m?.major_outage ?? 0,
      },
      downtimeMinutes: minutes3(d?.downtimeMinutes ?? 0),
      excludedMaintenanceMinutes: m?.maintenance_excluded ?? 0,
      countedMaintenanceMinutes: m?.maintenance_counted ?? 0,
      unknownMinutes: m?.unknown ?? 0,
    };
  });
}

function labelsOf(input: ContractMonth, ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  return input.covered.filter((cr) => wanted.has(cr.id)).map((cr) => cr.label);
}

function incidentRows(input: ContractMonth, downtime: ContractDowntime): StatementIncident[] {
  const { from, to } = input.window;
  return input.incidents.map((i) => {
    const end = i.resolvedAt ?? to;
    const chargedFrom = new Date(Math.max(i.startedAt.getTime(), from.getTime()));
    const chargedTo = new Date(Math.min(end.getTime(), to.getTime()));
    return {
      id: i.id,
      title: i.title,
      priority: i.priority,
      impact: i.impact,
      startedAt: i.startedAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      durationMinutes: Math.max(0, Math.round((end.getTime() - i.startedAt.getTime()) / MINUTE_MS)),
      chargedMinutes: chargedTo > chargedFrom ? minutes3(chargedMinutesWithin(downtime, chargedFrom, chargedTo)) : 0,
      url: `/incidents/${encodeURIComponent(i.id)}`,
      postmortemUrl: i.postmortemPublished ? `/incidents/${encodeURIComponent(i.id)}#postmortem` : null,
      componentRegions: labelsOf(input, i.componentRegionIds),
    };
  });
}

function decisionOf(excluded: number, counted: number): MaintenanceDecision {
  if (counted === 0) return "excluded";
  return excluded === 0 ? "counted" : "partly_excluded";
}

function maintenanceRows(input: ContractMonth, downtime: ContractDowntime): StatementMaintenance[] {
  const byId = new Map(downtime.maintenance.map((m) => [m.id, m]));
  return input.maintenance.flatMap((m) => {
    const d = byId.get(m.id);
    if (!d || m.to <= input.window.from || m.from >= input.window.to) return [];
    const minutes = d.excludedMinutes + d.countedMinutes;
    if (minutes === 0) return [];
    return [
      {
        id: m.id,
        title: m.title,
        announcedAt: m.announcedAt.toISOString(),
        from: m.from.toISOString(),
        to: m.to.toISOString(),
        minutes,
        excludedMinutes: d.excludedMinutes,
        countedMinutes: d.countedMinutes,
        decision: decisionOf(d.excludedMinutes, d.countedMinutes),
        reason: d.reason,
        componentRegions: labelsOf(input, m.componentRegionIds),
      },
    ];
  });
}

/** Spans of one history with no status (null), as [from, to) ms inside the window. */
function noDataSpans(
  initial: StatusPoint["status"],
  history: readonly StatusPoint[],
  from: number,
  to: number,
): [number, number][] {
  const spans: [number, number][] = [];
  let status = initial;
  let since = Number.NEGATIVE_INFINITY;
  for (const point of [...history, { at: new Date(to), status: "operational" as const }]) {
    const at = Math.min(point.at.getTime(), to);
    if (status === null && at > from) spans.push([Math.max(since, from), at]);
    status = point.status;
    since = at;
    if (at >= to) break;
  }
  return spans;
}

/** The contract's unknown spans, each with the covered component-regions that had no data then. */
function dataGaps(input: ContractMonth, downtime: ContractDowntime): StatementDataGap[] {
  const from = input.window.from.getTime();
  const to = input.window.to.getTime();
  const gapsOf = input.covered.map((cr) => {
    const h = input.histories.get(cr.id);
    return { label: cr.label, spans: noDataSpans(h?.initial ?? null, h?.history ?? [], from, to) };
  });
  return downtime.unknownSpans.map((span) => {
    const a = span.from.getTime();
    const b = span.to.getTime();
    return {
      from: span.from.toISOString(),
      to: span.to.toISOString(),
      minutes: span.minutes,
      componentRegions: gapsOf.filter((g) => g.spans.some(([x, y]) => x < b && y > a)).map((g) => g.label),
    };
  });
}

export function buildStatement(input: ContractMonth, stamp: StatementStamp): Statement {
  const downtime = computeContractDowntime(input);
  return {
    header: header(input, stamp),
    figures: figures(input, downtime),
    componentRegions: componentRegionRows(input, downtime),
    incidents: incidentRows(input, downtime),
    maintenance: maintenanceRows(input, downtime),
    dataGaps: dataGaps(input, downtime),
    daily: downtime.daily.map((d) => ({
      day: d.day,
      availabilityPercent: percent3(d.availability),
      downtimeMinutes: minutes3(d.downtimeMinutes),
      excludedMinutes: minutes3(d.excludedMinutes),
      unknownMinutes: minutes3(d.unknownMinutes),
    })),
    restatement: stamp.restatement,
  };
}
