// What the sweep counts, and how it becomes a ContractDowntime: figures,
// per ComponentRegion, per maintenance window (with its reason) and per UTC day.
import type {
  ChargedSpan,
  ComponentRegionDowntime,
  ComponentRegionMinuteKind,
  ContractDowntime,
  ContractDowntimeInput,
  MaintenanceDowntime,
  MinuteSpan,
} from "./sla.ts";
import { DAY_MS, MINUTE_MS, SlaInputError } from "./sla-calendar.ts";
import { isQualifying, maintenanceMinutes, timeOf } from "./sla-events.ts";

/** The order of a ComponentRegion's minute buckets, as the sweep fills them. */
export const COMPONENT_REGION_MINUTE_KINDS: readonly ComponentRegionMinuteKind[] = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "maintenance_excluded",
  "maintenance_counted",
  "unknown",
];

const DAY_MINUTES = DAY_MS / MINUTE_MS;
/** A local copy: imported bindings are property reads under some loaders, and this runs per span. */
const MINUTE = MINUTE_MS;
/** Per day: downtime (thousandths), excluded, unknown, outside the term. */
const DAY_FIELDS = 4;
type Span = [from: number, to: number];

export interface SweepBounds {
  reportFrom: number;
  reportTo: number;
  termFrom: number;
  termTo: number;
}

/** Running totals of the reported window, all in minutes since the epoch (downtime in thousandths). */
export class SweepTotals implements SweepBounds {
  readonly reportFrom: number;
  readonly reportTo: number;
  readonly termFrom: number;
  readonly termTo: number;
  readonly crMinutes: Float64Array;
  readonly firstDay: number;
  readonly days: Float64Array;
  downtimeMilli = 0;
  excludedMinutes = 0;
  unknownMinutes = 0;
  outsideMinutes = 0;
  /** Charged runs, flat: from, to, weight (thousandths), from, to, weight, … */
  readonly charged: number[] = [];
  readonly unknownSpans: Span[] = [];
  /** Where the allowance had room, within the report. */
  readonly availableSpans: Span[] = [];
  availableFrom = 0;
  usedBeforeWindow = 0;
  usedAtEnd = 0;

  constructor(
    bounds: SweepBounds,
    readonly allowanceMinutes: number,
    crCells: number,
  ) {
    ({ reportFrom: this.reportFrom, reportTo: this.reportTo, termFrom: this.termFrom, termTo: this.termTo } = bounds);
    this.crMinutes = new Float64Array(crCells);
    this.firstDay = Math.floor(this.reportFrom / DAY_MINUTES);
    const lastDay = this.reportTo > this.reportFrom ? Math.ceil(this.reportTo / DAY_MINUTES) : this.firstDay;
    this.days = new Float64Array(Math.max(0, lastDay - this.firstDay) * DAY_FIELDS);
  }

  private day(a: number, field: number, amount: number): void {
    this.days[(Math.floor(a / DAY_MINUTES) - this.firstDay) * DAY_FIELDS + field]! += amount;
  }

  downtime(a: number, b: number, weight: number): void {
    this.downtimeMilli += (b - a) * weight;
    this.day(a, 0, (b - a) * weight);
    const c = this.charged;
    const n = c.length;
    if (n > 0 && c[n - 2] === a && c[n - 1] === weight) c[n - 2] = b;
    else c.push(a, b, weight);
  }

  excluded(a: number, b: number): void {
    if (b <= a) return;
    this.excludedMinutes += b - a;
    this.day(a, 1, b - a);
  }

  unknown(a: number, b: number): void {
    this.unknownMinutes += b - a;
    this.day(a, 2, b - a);
    const last = this.unknownSpans.at(-1);
    if (last && last[1] === a) last[1] = b;
    else this.unknownSpans.push([a, b]);
  }

  outside(a: number, b: number): void {
    this.outsideMinutes += b - a;
    this.day(a, 3, b - a);
  }

  up(_a: number, _b: number): void {}
}

function availabilityOf(downtimeMilli: number, measured: number): number | null {
  return measured > 0 ? Math.min(1, Math.max(0, 1 - downtimeMilli / (1000 * measured))) : null;
}

function minuteSpan(from: number, to: number): MinuteSpan {
  return { from: new Date(from * MINUTE), to: new Date(to * MINUTE), minutes: to - from };
}

function overlap(a: number, b: number, spans: readonly Span[]): number {
  let total = 0;
  for (const [from, to] of spans) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
  return total;
}

function aheadPhrase(aheadMs: number): string {
  const days = Math.floor(aheadMs / DAY_MS);
  if (aheadMs < 0) return "announced after it started";
  if (days === 0) return "announced less than a day ahead";
  return `announced ${days} day${days === 1 ? "" : "s"} ahead`;
}

/** "announced 3 days ahead; 7 required", "announced 9 days ahead; allowance used up", "announced 9 days ahead". */
export function maintenanceReason(
  qualifying: boolean,
  aheadMs: number,
  noticeDays: number,
  countedMinutes: number,
): string {
  const ahead = aheadPhrase(aheadMs);
  if (!qualifying) return `${ahead}; ${noticeDays} required`;
  return countedMinutes > 0 ? `${ahead}; allowance used up` : ahead;
}

function maintenanceRows(
  input: ContractDowntimeInput,
  t: SweepTotals,
  indexOf: ReadonlyMap<string, number>,
): MaintenanceDowntime[] {
  const notice = input.terms.maintenanceNoticeDays;
  const rows: MaintenanceDowntime[] = [];
  for (const window of input.maintenance) {
    const span = maintenanceMinutes(window);
    const from = Math.max(span.from, t.reportFrom, t.termFrom);
    const to = Math.min(span.to, t.reportTo, t.termTo);
    if (to <= from || !window.componentRegionIds.some((id) => indexOf.has(id))) continue;
    const qualifying = isQualifying(window, notice);
    const aheadMs = timeOf(window.from, "maintenance from") - timeOf(window.announcedAt, "maintenance announcedAt");
    const excludedMinutes = qualifying ? overlap(from, to, t.availableSpans) : 0;
    const countedMinutes = to - from - excludedMinutes;
    const reason = maintenanceReason(qualifying, aheadMs, notice, countedMinutes);
    rows.push({
      id: window.id,
      qualifying,
      daysAhead: Math.floor(aheadMs / DAY_MS),
      excludedMinutes,
      countedMinutes,
      reason,
    });
  }
  return rows;
}

function componentRegionRows(
  input: ContractDowntimeInput,
  t: SweepTotals,
  monthMinutes: number,
): ComponentRegionDowntime[] {
  const { terms } = input;
  const weights = [1000, Math.round(terms.partialOutageWeight * 1000), Math.round(terms.degradedWeight * 1000), 1000];
  const kinds = COMPONENT_REGION_MINUTE_KINDS.length;
  return input.componentRegions.map((cr, i) => {
    const cell = (k: number) => t.crMinutes[i * kinds + k]!;
    const minutes = Object.fromEntries(
      COMPONENT_REGION_MINUTE_KINDS.map((kind, k) => [kind, cell(k)]),
    ) as ComponentRegionDowntime["minutes"];
    const downtimeMilli =
      minutes.major_outage * weights[0]! +
      minutes.partial_outage * weights[1]! +
      minutes.degraded_performance * weights[2]! +
      minutes.maintenance_counted * weights[3]!;
    const measuredMinutes = Math.max(
      0,
      monthMinutes - t.outsideMinutes - minutes.maintenance_excluded - minutes.unknown,
    );
    return {
      componentRegionId: cr.componentRegionId,
      minutes,
      downtimeMinutes: downtimeMilli / 1000,
      measuredMinutes,
      availability: availabilityOf(downtimeMilli, measuredMinutes),
    };
  });
}

function dailyRows(t: SweepTotals): ContractDowntime["daily"] {
  const rows: ContractDowntime["daily"] = [];
  for (let k = 0; k * DAY_FIELDS < t.days.length; k++) {
    const dayStart = (t.firstDay + k) * DAY_MINUTES;
    const minutes = Math.min(dayStart + DAY_MINUTES, t.reportTo) - Math.max(dayStart, t.reportFrom);
    const [downtimeMilli, excludedMinutes, unknownMinutes, outsideTermMinutes] = t.days.subarray(
      k * DAY_FIELDS,
      (k + 1) * DAY_FIELDS,
    );
    const measured = minutes - excludedMinutes! - unknownMinutes! - outsideTermMinutes!;
    rows.push({
      day: new Date(dayStart * MINUTE_MS).toISOString().slice(0, 10),
      minutes,
      downtimeMinutes: downtimeMilli! / 1000,
      excludedMinutes: excludedMinutes!,
      unknownMinutes: unknownMinutes!,
      outsideTermMinutes: outsideTermMinutes!,
      availability: availabilityOf(downtimeMilli!, measured),
    });
  }
  return rows;
}

export function sweepResult(
  input: ContractDowntimeInput,
  t: SweepTotals,
  indexOf: ReadonlyMap<string, number>,
): ContractDowntime {
  const windowMinutes = t.reportTo - t.reportFrom;
  const monthMinutes = input.monthMinutes ?? windowMinutes;
  if (!(Number.isInteger(monthMinutes) && monthMinutes >= 0))
    throw new SlaInputError("monthMinutes", "monthMinutes must be a whole number, 0 or more");
  const measuredMinutes = Math.max(0, monthMinutes - t.excludedMinutes - t.unknownMinutes - t.outsideMinutes);
  const charged: ChargedSpan[] = [];
  for (let k = 0; k < t.charged.length; k += 3) {
    const from = t.charged[k]!;
    const to = t.charged[k + 1]!;
    const weight = t.charged[k + 2]!;
    charged.push({
      from: new Date(from * MINUTE),
      to: new Date(to * MINUTE),
      minutes: to - from,
      weight: weight / 1000,
    });
  }
  return {
    window: { from: new Date(t.reportFrom * MINUTE_MS), to: new Date(t.reportTo * MINUTE_MS) },
    windowMinutes,
    monthMinutes,
    downtimeMinutes: t.downtimeMilli / 1000,
    excludedMinutes: t.excludedMinutes,
    unknownMinutes: t.unknownMinutes,
    outsideTermMinutes: t.outsideMinutes,
    measuredMinutes,
    availability: availabilityOf(t.downtimeMilli, measuredMinutes),
    unknownSpans: t.unknownSpans.map(([from, to]) => minuteSpan(from, to)),
    charged,
    componentRegions: componentRegionRows(input, t, monthMinutes),
    maintenance: maintenanceRows(input, t, indexOf),
    daily: dailyRows(t),
    allowance: { minutesPerYear: t.allowanceMinutes, usedBeforeWindow: t.usedBeforeWindow, usedAtEnd: t.usedAtEnd },
  };
}
