// The sweep behind contractDowntime (lib/domain/sla.ts). Changes of every
// covered ComponentRegion, already at minute boundaries, are merged in time
// order; between two changes the contract's state is constant, so a whole run
// of minutes is counted at once from the number of ComponentRegions per level.
import type { ComponentRegionMinuteKind, ContractDowntime, ContractDowntimeInput } from "./sla.ts";
import { contractTerm, contractYearAt, contractYearStart, DAY_MS, MINUTE_MS, SlaInputError } from "./sla-calendar.ts";
import {
  EventBuffer,
  EventKind,
  MAJOR,
  MAX_COVERED,
  maintenanceEvents,
  OPERATIONAL,
  statusEvents,
  timeOf,
  UNKNOWN,
} from "./sla-events.ts";
import { COMPONENT_REGION_MINUTE_KINDS, SweepTotals, sweepResult } from "./sla-result.ts";

const DAY_MINUTES = DAY_MS / MINUTE_MS;
// Local copies: imported bindings are property reads under some loaders, and these run per event.
const LEVEL_EVENT = EventKind.Level;
const SPLIT = EventKind.Split;
const RESET = EventKind.AllowanceReset;
const TOP = MAJOR;
const BOTTOM = OPERATIONAL;
const NO_DATA_CLASS = UNKNOWN + 1;
/** Per ComponentRegion classes: level + 1 (0 = unknown … 4 = major), then maintenance. */
const QUALIFYING = 5;
const NOT_QUALIFYING = 6;
const bucketOf = (kind: ComponentRegionMinuteKind) => COMPONENT_REGION_MINUTE_KINDS.indexOf(kind);
/** Bucket per class; qualifying maintenance is counted instead once the allowance is used up. */
const BUCKET_OF_CLASS = (
  [
    "unknown",
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "maintenance_excluded",
    "maintenance_counted",
  ] as const
).map(bucketOf);
const COUNTED_BUCKET = bucketOf("maintenance_counted");
const BUCKETS = COMPONENT_REGION_MINUTE_KINDS.length;

/** A weight in [0, 1] as thousandths. */
function milli(value: number, field: string): number {
  if (!(value >= 0 && value <= 1)) throw new SlaInputError(field, `${field} must be between 0 and 1, got ${value}`);
  return Math.round(value * 1000);
}

function wholeMinute(date: Date, field: string): number {
  const t = timeOf(date, field);
  if (t % MINUTE_MS !== 0) throw new SlaInputError(field, `${field} must fall on a whole minute`);
  return t / MINUTE_MS;
}

class ContractSweep {
  readonly t: SweepTotals;
  private readonly weights: number[];
  private readonly levelCount = new Int32Array(5);
  private qualifying = 0;
  private notQualifying = 0;
  private readonly level: Int8Array;
  private readonly q: Int16Array;
  private readonly n: Int16Array;
  private readonly since: Float64Array;
  private used: number;
  private available: boolean;

  constructor(
    private readonly input: ContractDowntimeInput,
    start: number,
    totals: SweepTotals,
    usedAtStart: number,
  ) {
    const { terms } = input;
    this.t = totals;
    this.weights = [
      0,
      milli(terms.degradedWeight, "degradedWeight"),
      milli(terms.partialOutageWeight, "partialOutageWeight"),
      1000,
    ];
    const count = input.componentRegions.length;
    this.level = new Int8Array(count);
    this.q = new Int16Array(count);
    this.n = new Int16Array(count);
    this.since = new Float64Array(count).fill(start);
    this.used = usedAtStart;
    this.available = usedAtStart < totals.allowanceMinutes;
    if (start === totals.reportFrom) this.atReportStart();
  }

  setInitialLevel(index: number, level: number): void {
    this.level[index] = level;
    this.levelCount[level + 1]!++;
  }

  private classOf(i: number): number {
    return this.q[i]! > 0 ? QUALIFYING : this.n[i]! > 0 ? NOT_QUALIFYING : this.level[i]! + 1;
  }

  /** Adds ComponentRegion i's minutes since its last change, up to `to`, to its current class. */
  private flush(i: number, to: number): void {
    const { t } = this;
    const from = Math.max(this.since[i]!, t.reportFrom, t.termFrom);
    const end = Math.min(to, t.reportTo, t.termTo);
    this.since[i] = to;
    if (end <= from) return;
    const cls = this.classOf(i);
    const bucket = cls === QUALIFYING && !this.available ? COUNTED_BUCKET : BUCKET_OF_CLASS[cls]!;
    t.crMinutes[i * BUCKETS + bucket]! += end - from;
  }

  private flushAll(to: number): void {
    for (let i = 0; i < this.level.length; i++) this.flush(i, to);
  }

  private setAvailable(available: boolean, at: number): void {
    if (available === this.available) return;
    this.flushAll(at);
    this.available = available;
    // The state at the report's start is read by atReportStart; spans are recorded inside the report only.
    const { t } = this;
    if (available && at > t.reportFrom && at < t.reportTo) t.availableFrom = at;
    else if (!available && at > t.reportFrom && at <= t.reportTo) t.availableSpans.push([t.availableFrom, at]);
  }

  private atReportStart(): void {
    this.t.usedBeforeWindow = this.used;
    this.t.availableFrom = this.t.reportFrom;
  }

  private remove(cls: number): void {
    if (cls === QUALIFYING) this.qualifying--;
    else if (cls === NOT_QUALIFYING) this.notQualifying--;
    else this.levelCount[cls]!--;
  }

  private add(cls: number): void {
    if (cls === QUALIFYING) this.qualifying++;
    else if (cls === NOT_QUALIFYING) this.notQualifying++;
    else this.levelCount[cls]!++;
  }

  apply(minute: number, kind: EventKind, i: number, value: number): void {
    if (kind === SPLIT) {
      if (minute === this.t.reportFrom) this.atReportStart();
      return;
    }
    if (kind === RESET) {
      this.used = 0;
      this.setAvailable(this.t.allowanceMinutes > 0, minute);
      return;
    }
    const before = this.classOf(i);
    this.flush(i, minute);
    if (kind === LEVEL_EVENT) this.level[i] = value;
    else if (Math.abs(value) === 1) this.q[i]! += value;
    else this.n[i]! += Math.sign(value);
    const after = this.classOf(i);
    if (after !== before) {
      this.remove(before);
      this.add(after);
    }
  }

  /** The largest weight among ComponentRegions with data, outside qualifying maintenance. */
  private largestWeight(): number {
    let w = this.notQualifying > 0 ? 1000 : 0;
    for (let level = TOP; level > BOTTOM; level--) {
      if (this.levelCount[level + 1]! > 0) w = Math.max(w, this.weights[level]!);
    }
    if (this.qualifying > 0 && !this.available) w = 1000;
    return w;
  }

  /** Counts [a, b), a run of minutes in which nothing changes but the allowance. */
  segment(a: number, b: number): void {
    if (b <= a) return;
    const { t } = this;
    const reported = a >= t.reportFrom;
    if (a < t.termFrom || a >= t.termTo) {
      if (reported) t.outside(a, b);
      return;
    }
    const w = this.largestWeight();
    if (w > 0) {
      if (reported) t.downtime(a, b, w);
      return;
    }
    if (this.qualifying > 0) {
      const k = Math.min(b - a, t.allowanceMinutes - this.used);
      this.used += k;
      if (reported) t.excluded(a, a + k);
      if (this.used >= t.allowanceMinutes) this.setAvailable(false, a + k);
      this.segment(a + k, b);
      return;
    }
    const total =
      this.levelCount[0]! + this.levelCount[1]! + this.levelCount[2]! + this.levelCount[3]! + this.levelCount[4]!;
    if (reported && (this.levelCount[NO_DATA_CLASS]! > 0 || total === 0)) t.unknown(a, b);
    else if (reported) t.up(a, b);
  }

  finish(): void {
    const { t } = this;
    this.flushAll(t.reportTo);
    if (this.available && t.reportTo > t.reportFrom) t.availableSpans.push([t.availableFrom, t.reportTo]);
    const end = new Date(t.reportTo * MINUTE_MS);
    t.usedAtEnd = contractYearStart(this.input.terms, end).getTime() === end.getTime() ? 0 : this.used;
    if (t.reportTo === t.reportFrom) t.usedBeforeWindow = t.usedAtEnd;
  }
}

/** Segment boundaries: report start, the term, contract-year starts and UTC days. */
function boundaryEvents(input: ContractDowntimeInput, t: SweepTotals, start: number, out: EventBuffer): void {
  const split = (minute: number) => {
    if (minute > start && minute < t.reportTo) out.push(minute, EventKind.Split, -1, 0);
  };
  split(t.reportFrom);
  split(t.termFrom);
  if (Number.isFinite(t.termTo)) split(t.termTo);
  for (let day = Math.ceil(t.reportFrom / DAY_MINUTES) * DAY_MINUTES; day < t.reportTo; day += DAY_MINUTES) split(day);
  for (let k = 1; ; k++) {
    const minute = contractYearAt(input.terms, k).getTime() / MINUTE_MS;
    if (minute >= t.reportTo) break;
    if (minute > start) out.push(minute, EventKind.AllowanceReset, -1, 0);
  }
}

export function sweepContract(input: ContractDowntimeInput): ContractDowntime {
  const { terms } = input;
  const reportFrom = wholeMinute(input.window.from, "window from");
  const reportTo = wholeMinute(input.window.to, "window to");
  if (reportTo < reportFrom) throw new SlaInputError("window", "the window ends before it starts");
  const term = contractTerm(terms);
  const given = input.allowanceUsedMinutes;
  if (given !== undefined && !(given >= 0))
    throw new SlaInputError("allowanceUsedMinutes", "allowanceUsedMinutes must be 0 or more");
  const start =
    given !== undefined
      ? reportFrom
      : Math.min(reportFrom, contractYearStart(terms, input.window.from).getTime() / MINUTE_MS);

  if (input.componentRegions.length > MAX_COVERED)
    throw new SlaInputError("componentRegions", `at most ${MAX_COVERED} covered ComponentRegions`);
  const indexOf = new Map<string, number>();
  input.componentRegions.forEach((cr, i) => {
    if (indexOf.has(cr.componentRegionId))
      throw new SlaInputError("componentRegions", `${cr.componentRegionId} is covered twice`);
    indexOf.set(cr.componentRegionId, i);
  });
  const totals = sweepResultTotals(input, {
    reportFrom,
    reportTo,
    termFrom: term.from / MINUTE_MS,
    termTo: term.to / MINUTE_MS,
  });
  const sweep = new ContractSweep(input, start, totals, given ?? 0);
  const buffer = new EventBuffer(start);
  input.componentRegions.forEach((cr, i) => {
    sweep.setInitialLevel(i, statusEvents(cr, i, start, reportTo, buffer));
  });
  maintenanceEvents(input.maintenance, indexOf, terms, start, reportTo, buffer);
  boundaryEvents(input, totals, start, buffer);

  let cursor = start;
  for (const event of buffer.sorted()) {
    const minute = buffer.minuteOf(event);
    if (minute !== cursor) {
      sweep.segment(cursor, minute);
      cursor = minute;
    }
    sweep.apply(minute, buffer.kindOf(event), buffer.componentRegionOf(event), buffer.valueIn(event));
  }
  sweep.segment(cursor, reportTo);
  sweep.finish();
  return sweepResult(input, totals, indexOf);
}

function sweepResultTotals(
  input: ContractDowntimeInput,
  bounds: { reportFrom: number; reportTo: number; termFrom: number; termTo: number },
): SweepTotals {
  const hours = input.terms.maintenanceAllowanceHours;
  if (!(Number.isInteger(hours) && hours >= 0))
    throw new SlaInputError("maintenanceAllowanceHours", "maintenanceAllowanceHours must be a whole number, 0 or more");
  return new SweepTotals(bounds, hours * 60, input.componentRegions.length * BUCKETS);
}
