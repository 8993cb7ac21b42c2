// A contract's SLA downtime, minute by minute: the ONE definition that SLA
// statements, error budgets and postmortem impact all use. Pure: every time is
// an argument, arithmetic is in UTC milliseconds, weights in thousandths.
import { MINUTE_MS } from "./sla-calendar.ts";
import { sweepContract } from "./sla-sweep.ts";
import type { ComponentStatus } from "./status.ts";
import type { StatusPoint, TimeWindow } from "./uptime.ts";

export { COMPONENT_REGION_MINUTE_KINDS } from "./sla-result.ts";
export {
  COUNTED_MAINTENANCE_WEIGHT,
  contractTerm,
  contractYearAt,
  contractYearStart,
  DAY_MS,
  DEFAULT_MAINTENANCE_ALLOWANCE_HOURS,
  DEFAULT_MAINTENANCE_NOTICE_DAYS,
  FIXED_MONTH_MINUTES,
  MAJOR_OUTAGE_WEIGHT,
  type MeasurementMonth,
  MINUTE_MS,
  MONTH_RULES,
  type MonthRule,
  measurementMonth,
  SLA_DECIMALS,
  SlaInputError,
} from "./sla-calendar.ts";

/** What the contract says about counting; coverage itself is resolved by the caller. */
export interface SlaTerms {
  /** First covered day (its 00:00 UTC); contract years start on its anniversaries. */
  startsOn: Date;
  /** Last covered day, inclusive (coverage ends at the next 00:00 UTC); null while open. */
  endsOn: Date | null;
  /** Share of a partial-outage minute counted as downtime, 0..1. */
  partialOutageWeight: number;
  /** Share of a degraded minute counted as downtime, 0..1. */
  degradedWeight: number;
  maintenanceNoticeDays: number;
  maintenanceAllowanceHours: number;
}

/** One covered ComponentRegion and its confirmed status history. */
export interface CoveredComponentRegion {
  componentRegionId: string;
  /** Status in force before history[0] (or throughout, when history is empty); null = no data. Default null. */
  initial?: ComponentStatus | null;
  /** Confirmed changes sorted by time; points before the window are fine (the last one sets the status at its start). */
  history: readonly StatusPoint[];
}

export interface SlaMaintenance {
  id: string;
  from: Date;
  to: Date;
  announcedAt: Date;
  componentRegionIds: readonly string[];
}

export interface ContractDowntimeInput {
  terms: SlaTerms;
  /** Whole minutes, half-open: a measurement month's window, or any window (postmortem impact). */
  window: TimeWindow;
  /** Denominator before exclusions; defaults to the window's minutes (see measurementMonth). */
  monthMinutes?: number;
  componentRegions: readonly CoveredComponentRegion[];
  maintenance: readonly SlaMaintenance[];
  /**
   * Excluded maintenance minutes already used in the contract year running at window.from, before it.
   * Omit it to have them counted here from the histories and maintenance, which must then reach back
   * to that contract year's start (contractYearStart(terms, window.from)).
   */
  allowanceUsedMinutes?: number;
}

/** Half-open minute span. */
export interface MinuteSpan {
  from: Date;
  to: Date;
  minutes: number;
}

/** A run of minutes charged at the same weight; weighted minutes = minutes × weight. */
export interface ChargedSpan extends MinuteSpan {
  weight: number;
}

export type ComponentRegionMinuteKind =
  | "operational"
  | "degraded_performance"
  | "partial_outage"
  | "major_outage"
  | "maintenance_excluded"
  | "maintenance_counted"
  | "unknown";

export interface ComponentRegionDowntime {
  componentRegionId: string;
  /** Minutes of the window inside the contract's term, by what this ComponentRegion was in each. */
  minutes: Record<ComponentRegionMinuteKind, number>;
  /** Weighted: major + partial × w + degraded × w + maintenance counted. */
  downtimeMinutes: number;
  /** Same base as the contract: monthMinutes − outside term − its excluded − its unknown. */
  measuredMinutes: number;
  /** 1 − downtime ÷ measured, in [0, 1]; null when nothing was measured. */
  availability: number | null;
}

export interface MaintenanceDowntime {
  id: string;
  /** Announced at least the notice days ahead. */
  qualifying: boolean;
  /** Whole days between announcement and start (negative when announced after it began). */
  daysAhead: number;
  /** Minutes of the window (inside the report window and term) on at least one covered ComponentRegion. */
  excludedMinutes: number;
  countedMinutes: number;
  reason: string;
}

export interface DailyDowntime {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  minutes: number;
  downtimeMinutes: number;
  excludedMinutes: number;
  unknownMinutes: number;
  outsideTermMinutes: number;
  /** 1 − downtime ÷ (minutes − excluded − unknown − outside term); null when nothing was measured. */
  availability: number | null;
}

export interface ContractDowntime {
  window: TimeWindow;
  windowMinutes: number;
  monthMinutes: number;
  /** Weighted downtime minutes (exact to thousandths). */
  downtimeMinutes: number;
  excludedMinutes: number;
  unknownMinutes: number;
  /** Minutes before startsOn or after endsOn: they leave the denominator like unknown ones, unflagged. */
  outsideTermMinutes: number;
  /** monthMinutes − excluded − unknown − outside term, never below 0. */
  measuredMinutes: number;
  /** 1 − downtime ÷ measured, clamped to [0, 1]; null when nothing was measured. */
  availability: number | null;
  unknownSpans: MinuteSpan[];
  /** Every minute with downtime > 0, merged by weight, in time order. */
  charged: ChargedSpan[];
  componentRegions: ComponentRegionDowntime[];
  maintenance: MaintenanceDowntime[];
  daily: DailyDowntime[];
  allowance: {
    /** maintenanceAllowanceHours × 60. */
    minutesPerYear: number;
    /** Used in the contract year running at window.from, before it. */
    usedBeforeWindow: number;
    /** Used in the contract year running at window.to, before it: the next window's allowanceUsedMinutes. */
    usedAtEnd: number;
  };
}

/**
 * The contract's downtime over a window: figures, per ComponentRegion, per maintenance window, per day.
 * Each minute weighs the largest weight among covered ComponentRegions (their worst status in that
 * minute); qualifying maintenance is excluded up to the yearly allowance; minutes without data leave
 * the denominator. The README's SLA table states every rule; sla-minute-recount.ts applies them literally.
 */
export function contractDowntime(input: ContractDowntimeInput): ContractDowntime {
  return sweepContract(input);
}

/**
 * Weighted downtime minutes a computed window charges within [from, to), widened to whole minutes
 * (an incident from 12:00:30 takes in minute 12:00). Postmortem impact uses it with the incident's span.
 */
export function chargedMinutesWithin(downtime: Pick<ContractDowntime, "charged">, from: Date, to: Date): number {
  const a = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS;
  const b = Math.ceil(to.getTime() / MINUTE_MS) * MINUTE_MS;
  let milli = 0;
  for (const span of downtime.charged) {
    const overlap = Math.min(b, span.to.getTime()) - Math.max(a, span.from.getTime());
    if (overlap > 0) milli += (overlap / MINUTE_MS) * Math.round(span.weight * 1000);
  }
  return milli / 1000;
}
