// The calendar of SLA arithmetic: measurement months, the contract's term and
// its contract years, the named constants, and the error for bad input.
import type { MonthRule } from "../generated/prisma/enums.ts";
import type { SlaTerms } from "./sla.ts";
import { monthWindow, type TimeWindow } from "./uptime.ts";

export type { MonthRule };

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** commercetools' SLA month: 30 days, whatever the calendar says. */
export const FIXED_MONTH_MINUTES = 43_200;
export const MONTH_RULES: readonly MonthRule[] = ["calendar", "fixed_30_days"];
/** A major outage minute is a whole minute of downtime. */
export const MAJOR_OUTAGE_WEIGHT = 1;
/** Maintenance past the allowance, or announced too late, counts like a major outage. */
export const COUNTED_MAINTENANCE_WEIGHT = 1;
/** Contract defaults (the schema's): notice ahead of a window, and excluded hours per contract year. */
export const DEFAULT_MAINTENANCE_NOTICE_DAYS = 7;
export const DEFAULT_MAINTENANCE_ALLOWANCE_HOURS = 24;
/** Weights and percentages are read to thousandths, as the contract stores them. */
export const SLA_DECIMALS = 3;

/** Bad input to the SLA arithmetic, naming the field so the caller can map it to a 400. */
export class SlaInputError extends RangeError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "SlaInputError";
    this.field = field;
  }
}

export interface MeasurementMonth {
  month: string;
  rule: MonthRule;
  /** Always the calendar month in UTC: downtime, exclusions and unknown minutes are counted over it. */
  window: TimeWindow;
  /** The denominator before exclusions: the calendar month's minutes, or 43,200 under fixed_30_days. */
  monthMinutes: number;
}

/** The month "YYYY-MM" under a contract's rule; throws SlaInputError("month") on a malformed month. */
export function measurementMonth(month: string, rule: MonthRule): MeasurementMonth {
  if (!MONTH_RULES.includes(rule))
    throw new SlaInputError(
      "monthRule",
      `month rule must be one of ${MONTH_RULES.join(", ")}, got ${JSON.stringify(rule)}`,
    );
  let window: TimeWindow;
  try {
    window = monthWindow(month);
  } catch {
    throw new SlaInputError("month", `month must be YYYY-MM with a month from 01 to 12, got ${JSON.stringify(month)}`);
  }
  const calendarMinutes = (window.to.getTime() - window.from.getTime()) / MINUTE_MS;
  return { month, rule, window, monthMinutes: rule === "fixed_30_days" ? FIXED_MONTH_MINUTES : calendarMinutes };
}

/** The contract's coverage, [startsOn 00:00 UTC, the day after endsOn 00:00 UTC or open). */
export function contractTerm(terms: Pick<SlaTerms, "startsOn" | "endsOn">): { from: number; to: number } {
  const from = Math.floor(terms.startsOn.getTime() / DAY_MS) * DAY_MS;
  const to =
    terms.endsOn === null ? Number.POSITIVE_INFINITY : Math.floor(terms.endsOn.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  if (Number.isNaN(from) || Number.isNaN(to)) throw new SlaInputError("startsOn", "contract dates must be valid dates");
  if (to <= from) throw new SlaInputError("endsOn", "the contract must end on or after the day it starts");
  return { from, to };
}

/** The k-th anniversary of startsOn (k may be 0); 29 February rolls to 1 March in other years. */
export function contractYearAt(terms: Pick<SlaTerms, "startsOn">, k: number): Date {
  const start = new Date(Math.floor(terms.startsOn.getTime() / DAY_MS) * DAY_MS);
  const at = new Date(start);
  at.setUTCFullYear(start.getUTCFullYear() + k, start.getUTCMonth(), start.getUTCDate());
  return at;
}

/** Start of the contract year running at `at` (startsOn itself before the contract starts). */
export function contractYearStart(terms: Pick<SlaTerms, "startsOn">, at: Date): Date {
  const t = at.getTime();
  let k = Math.max(0, at.getUTCFullYear() - contractYearAt(terms, 0).getUTCFullYear() - 1);
  while (contractYearAt(terms, k + 1).getTime() <= t) k++;
  return contractYearAt(terms, k);
}
