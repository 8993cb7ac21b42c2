// Error budgets and multiwindow, multi-burn-rate alerts. Pure: the worker
// (lib/slo/evaluate-burn-alerts.ts), the console and the deployment gate read
// the rollups and ask here. The SLI is check-based: good checks (up or
// degraded) ÷ all checks, the same rule as lib/slo/check-availability.ts.
import type { Tier } from "../generated/prisma/enums.ts";

/** The objective per tier, in percent, when the component sets none of its own. */
export const TIER_SLO_PERCENT: Readonly<Record<Tier, number>> = Object.freeze({ TIER_1: 99.9, TIER_2: 99.5 });

/** The error budget's rolling window, in UTC days (today included, so far). */
export const SLO_WINDOW_DAYS = 30;

export type BurnSeverity = "page" | "ticket";

export interface BurnRateRule {
  /** Stable, part of BurnRateAlert.openKey: `page-1h`, `page-6h`, `ticket-1d`, `ticket-3d`. */
  key: string;
  severity: BurnSeverity;
  /** Fires when both windows burn faster than this many times the sustainable rate. */
  factor: number;
  longMinutes: number;
  shortMinutes: number;
}

/** The SRE workbook's table (chapter 5, as Sloth generates it): 2 % and 5 % of a 30-day budget for pages, 10 % for tickets. */
export const BURN_RATE_RULES: readonly BurnRateRule[] = Object.freeze([
  { key: "page-1h", severity: "page", factor: 14.4, longMinutes: 60, shortMinutes: 5 },
  { key: "page-6h", severity: "page", factor: 6, longMinutes: 360, shortMinutes: 30 },
  { key: "ticket-1d", severity: "ticket", factor: 3, longMinutes: 1440, shortMinutes: 120 },
  { key: "ticket-3d", severity: "ticket", factor: 1, longMinutes: 4320, shortMinutes: 360 },
]);

/** Every window a rule reads, in minutes, shortest first. */
export const BURN_WINDOWS_MINUTES: readonly number[] = [
  ...new Set(BURN_RATE_RULES.flatMap((r) => [r.shortMinutes, r.longMinutes])),
].sort((a, b) => a - b);

const DAY_MS = 86_400_000;

/** The SLO window at `now`: the last 30 UTC days, today (so far) included, as whole days for the day rollups. */
export function sloWindow(now: Date): { from: Date; to: Date } {
  const tomorrow = (Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS;
  return { from: new Date(tomorrow - SLO_WINDOW_DAYS * DAY_MS), to: new Date(tomorrow) };
}

/** The window "burn rate now" is shown for on the console. */
export const BURN_NOW_WINDOW_MINUTES = 60;

export interface CheckCounts {
  /** Checks that passed: up or degraded. */
  good: number;
  total: number;
}

/** The component's own objective if it has one, else its tier's. */
export function sloTargetPercent(tier: Tier, override: number | null | undefined): number {
  return override ?? TIER_SLO_PERCENT[tier];
}

/** Parts per million, so that 99.9 % leaves exactly 1,000 ppm of budget (100 − 99.9 is not 0.1 in floating point). */
function budgetPpm(sloPercent: number): number {
  return 1_000_000 - Math.round(sloPercent * 10_000);
}

/** Failed checks ÷ all checks; null when there were no checks. */
export function errorRatio(counts: CheckCounts): number | null {
  return counts.total > 0 ? (counts.total - counts.good) / counts.total : null;
}

/** How many times faster than sustainable the budget burns: error ratio ÷ (1 − SLO). No checks burn nothing. */
export function burnRate(counts: CheckCounts, sloPercent: number): number {
  const ppm = budgetPpm(sloPercent);
  if (counts.total === 0) return 0;
  const bad = counts.total - counts.good;
  if (ppm <= 0) return bad > 0 ? Number.POSITIVE_INFINITY : 0;
  return (bad * 1_000_000) / (counts.total * ppm);
}

/** The burn rate of an error ratio already taken (a recorded alert's evidence). */
export function burnRateOfRatio(ratio: number, sloPercent: number): number {
  const ppm = budgetPpm(sloPercent);
  if (ppm <= 0) return ratio > 0 ? Number.POSITIVE_INFINITY : 0;
  return (ratio * 1_000_000) / ppm;
}

export interface ErrorBudget {
  sloPercent: number;
  good: number;
  total: number;
  /** Failed checks the objective allows over the window's checks. */
  allowedBad: number;
  bad: number;
  /** 1 − bad ÷ allowed: 1 untouched, 0 spent, below 0 overspent; null when there were no checks. */
  remaining: number | null;
  exhausted: boolean;
}

export function errorBudget(counts: CheckCounts, sloPercent: number): ErrorBudget {
  const bad = counts.total - counts.good;
  const allowedBad = (counts.total * budgetPpm(sloPercent)) / 1_000_000;
  const remaining = counts.total === 0 ? null : allowedBad > 0 ? 1 - bad / allowedBad : bad > 0 ? -1 : 1;
  return {
    sloPercent,
    good: counts.good,
    total: counts.total,
    allowedBad,
    bad,
    remaining,
    exhausted: remaining !== null && remaining <= 0,
  };
}

/**
 * The budget left after each step, as a fraction of `allowed` (1 = untouched),
 * starting with 1 before the first step: the burn-down chart's points.
 * Empty when nothing is allowed.
 */
export function burnDown(allowed: number, spentPerStep: readonly number[]): number[] {
  if (!(allowed > 0)) return [];
  const points = [1];
  let spent = 0;
  for (const step of spentPerStep) {
    spent += step;
    points.push(1 - spent / allowed);
  }
  return points;
}

/** The check-based burn-down over the SLO window: each day's failed checks against the whole window's allowance. */
export function checkBurnDown(days: readonly CheckCounts[], sloPercent: number): number[] {
  const total = days.reduce((sum, d) => ({ good: sum.good + d.good, total: sum.total + d.total }), {
    good: 0,
    total: 0,
  });
  return burnDown(
    errorBudget(total, sloPercent).allowedBad,
    days.map((d) => d.total - d.good),
  );
}

export type BurnVerdict = "fire" | "resolve" | null;

/**
 * An alert fires when both windows burn faster than the factor, and resolves
 * when both burn slower; in between it keeps its state. A window without
 * checks burns nothing.
 */
export function burnRuleVerdict(
  rule: Pick<BurnRateRule, "factor">,
  open: boolean,
  long: CheckCounts,
  short: CheckCounts,
  sloPercent: number,
): BurnVerdict {
  const [l, s] = [burnRate(long, sloPercent), burnRate(short, sloPercent)];
  if (!open && l > rule.factor && s > rule.factor) return "fire";
  if (open && l < rule.factor && s < rule.factor) return "resolve";
  return null;
}

/** BurnRateAlert.openKey while a firing is open: one per ComponentRegion and rule. */
export function burnAlertOpenKey(componentRegionId: string, rule: Pick<BurnRateRule, "key">): string {
  return `${componentRegionId}:${rule.key}`;
}

/** The rule an alert row was fired under, by its factor and windows. */
export function ruleOf(alert: { longWindowMinutes: number; shortWindowMinutes: number }): BurnRateRule | undefined {
  return BURN_RATE_RULES.find(
    (r) => r.longMinutes === alert.longWindowMinutes && r.shortMinutes === alert.shortWindowMinutes,
  );
}

export interface GateDecision {
  allow: boolean;
  reason: string;
}

/** The deployment gate: no when the budget is spent or a page-level alert fires. */
export function gateDecision(
  budget: Pick<ErrorBudget, "remaining" | "exhausted" | "sloPercent">,
  firingPages: readonly Pick<BurnRateRule, "factor" | "longMinutes" | "shortMinutes">[],
): GateDecision {
  if (budget.exhausted)
    return {
      allow: false,
      reason: `The error budget of the ${budget.sloPercent} % objective over ${SLO_WINDOW_DAYS} days is exhausted.`,
    };
  const page = firingPages[0];
  if (page)
    return {
      allow: false,
      reason: `A page-level burn-rate alert is firing: the budget burns faster than ${page.factor}× over ${windowLabel(page.longMinutes)} and ${windowLabel(page.shortMinutes)}.`,
    };
  return { allow: true, reason: "The error budget has room and no page-level burn-rate alert is firing." };
}

/** 5 → "5 min", 60 → "1 h", 1440 → "1 d". */
export function windowLabel(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
