// The console's error-budget page: every ComponentRegion's 30-day budget with
// its burn-down and burn rate now (tier 1 first, then the most burned), the
// burn-rate alerts firing and those of the last 30 days with their evidence,
// and each SLA contract's current month measured by the SLA rules
// (lib/sla/preview-current-month.ts → lib/domain/sla.ts), beside them.
import type { Db } from "../db.ts";
import {
  BURN_NOW_WINDOW_MINUTES,
  burnDown,
  burnRate,
  type BurnSeverity,
  type ErrorBudget,
  ruleOf,
  SLO_WINDOW_DAYS,
} from "../domain/slo.ts";
import { listCustomers } from "../sla/list-customers.ts";
import { monthOf } from "../sla/month.ts";
import { previewCurrentMonth } from "../sla/preview-current-month.ts";
import { NO_CHECKS, readBurnWindows } from "./read-burn-windows.ts";
import { readErrorBudgets } from "./read-error-budgets.ts";

export interface BudgetRow {
  componentRegionId: string;
  componentKey: string;
  componentName: string;
  regionKey: string;
  regionName: string;
  tier: "TIER_1" | "TIER_2";
  /** The component sets its own objective. */
  overridden: boolean;
  budget: ErrorBudget;
  burnRateNow: number;
  /** Budget left after each UTC day of the window, 1 before the first. */
  burnDown: number[];
  /** YYYY-MM-DD of the window's first and last day. */
  firstDay: string;
  lastDay: string;
  firing: number;
}

export interface AlertRow {
  id: string;
  componentRegionId: string;
  label: string;
  tier: "TIER_1" | "TIER_2";
  severity: BurnSeverity;
  rule: string;
  factor: number;
  longWindowMinutes: number;
  shortWindowMinutes: number;
  longErrorRatio: number;
  shortErrorRatio: number;
  sloPercent: number;
  firedAt: Date;
  resolvedAt: Date | null;
  incident: { id: string; title: string; review: string } | null;
}

export interface ContractBudgetRow {
  contractId: string;
  contractName: string;
  customerName: string;
  month: string;
  targetPercent: number;
  availabilityPercent: number | null;
  allowedMinutes: number;
  downtimeMinutes: number;
  leftMinutes: number;
  leftPercent: number | null;
  /** Budget left after each day of the month so far, 1 before the first. */
  burnDown: number[];
  firstDay: string;
}

export interface SloOverview {
  windowDays: number;
  budgets: BudgetRow[];
  firing: AlertRow[];
  recent: AlertRow[];
  contracts: ContractBudgetRow[];
}

const DAY_MS = 86_400_000;

/** Tier 1 first, then the least budget left, then the fastest burn; never-measured ones last in their tier. */
export function budgetOrder(a: BudgetRow, b: BudgetRow): number {
  if (a.tier !== b.tier) return a.tier === "TIER_1" ? -1 : 1;
  const left = (r: BudgetRow) => r.budget.remaining ?? Number.POSITIVE_INFINITY;
  if (left(a) !== left(b)) return left(a) - left(b);
  if (a.burnRateNow !== b.burnRateNow) return b.burnRateNow - a.burnRateNow;
  return `${a.componentName}|${a.regionName}`.localeCompare(`${b.componentName}|${b.regionName}`);
}

export async function sloOverview(db: Db, now: Date): Promise<SloOverview> {
  const [budgets, windows, alerts, contracts] = await Promise.all([
    readErrorBudgets(db, now),
    readBurnWindows(db, now),
    db.burnRateAlert.findMany({
      where: { OR: [{ resolvedAt: null }, { firedAt: { gte: new Date(now.getTime() - SLO_WINDOW_DAYS * DAY_MS) } }] },
      orderBy: [{ firedAt: "desc" }, { id: "asc" }],
      take: 200,
      include: {
        componentRegion: {
          select: { component: { select: { name: true, tier: true } }, region: { select: { name: true } } },
        },
        incident: { select: { id: true, title: true, review: true } },
      },
    }),
    contractBudgets(db, now),
  ]);
  const alertRows: AlertRow[] = alerts.map((a) => ({
    id: a.id,
    componentRegionId: a.componentRegionId,
    label: `${a.componentRegion.component.name} in ${a.componentRegion.region.name}`,
    tier: a.componentRegion.component.tier,
    severity: a.severity,
    rule: ruleOf(a)?.key ?? `${a.longWindowMinutes}/${a.shortWindowMinutes}`,
    factor: Number(a.burnRate),
    longWindowMinutes: a.longWindowMinutes,
    shortWindowMinutes: a.shortWindowMinutes,
    longErrorRatio: a.longErrorRatio,
    shortErrorRatio: a.shortErrorRatio,
    sloPercent: Number(a.sloTargetPercent),
    firedAt: a.firedAt,
    resolvedAt: a.resolvedAt,
    incident: a.incident,
  }));
  const firingBy = new Map<string, number>();
  for (const a of alertRows)
    if (!a.resolvedAt) firingBy.set(a.componentRegionId, (firingBy.get(a.componentRegionId) ?? 0) + 1);
  const rows: BudgetRow[] = budgets.map((b) => ({
    componentRegionId: b.subject.id,
    componentKey: b.subject.component.key,
    componentName: b.subject.component.name,
    regionKey: b.subject.region.key,
    regionName: b.subject.region.name,
    tier: b.subject.component.tier,
    overridden: b.subject.component.sloTargetPercent !== null,
    budget: b.budget,
    burnRateNow: burnRate(windows.get(b.subject.id)?.get(BURN_NOW_WINDOW_MINUTES) ?? NO_CHECKS, b.budget.sloPercent),
    burnDown: b.burnDown,
    firstDay: b.window.from.toISOString().slice(0, 10),
    lastDay: new Date(b.window.to.getTime() - DAY_MS).toISOString().slice(0, 10),
    firing: firingBy.get(b.subject.id) ?? 0,
  }));
  rows.sort(budgetOrder);
  const tierFirst = (a: AlertRow, b: AlertRow) => (a.tier === b.tier ? 0 : a.tier === "TIER_1" ? -1 : 1);
  return {
    windowDays: SLO_WINDOW_DAYS,
    budgets: rows,
    firing: alertRows.filter((a) => !a.resolvedAt).sort(tierFirst),
    recent: alertRows.filter((a) => a.resolvedAt),
    contracts,
  };
}

/** Each contract in force this month, its month so far by the SLA rules. */
async function contractBudgets(db: Db, now: Date): Promise<ContractBudgetRow[]> {
  const month = monthOf(now);
  const today = now.toISOString().slice(0, 10);
  const contracts = (await listCustomers(db)).flatMap((c) =>
    c.contracts.filter((k) => k.startsOn <= today && (k.endsOn === null || k.endsOn >= `${month}-01`)),
  );
  const rows: ContractBudgetRow[] = [];
  for (const contract of contracts) {
    const preview = await previewCurrentMonth(db, contract.id, now);
    const days = preview.statement.daily.filter((d) => d.day <= today);
    rows.push({
      contractId: contract.id,
      contractName: contract.name,
      customerName: contract.customer.name,
      month: preview.month,
      targetPercent: contract.targetPercent,
      availabilityPercent: preview.figures.availabilityPercent,
      allowedMinutes: preview.monthAllowedDowntimeMinutes,
      downtimeMinutes: preview.figures.downtimeMinutes,
      leftMinutes: preview.errorBudgetLeftMinutes,
      leftPercent: preview.errorBudgetLeftPercent,
      burnDown: burnDown(
        preview.monthAllowedDowntimeMinutes,
        days.map((d) => d.downtimeMinutes),
      ),
      firstDay: days[0]?.day ?? `${month}-01`,
    });
  }
  return rows;
}
