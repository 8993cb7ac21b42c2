// The anomaly replay behind `npm run bench -- anomaly` and its test: seeded
// seasonal check series (a daily and a weekly pattern, log-normal latency,
// rare failed checks) for many ComponentRegions, gradual degradations
// injected into some, and every minute of the weeks after the first three
// replayed through the worker's own code — slidingWindows, seasonalBaseline
// and assessEarlyWarning — and through two plain comparators.
import { assessEarlyWarning, pageBurnErrorRatio, type WindowPoint } from "../lib/domain/early-warning.ts";
import { bucketIndex, emptyHistogram } from "../lib/domain/latency-histogram.ts";
import {
  type CheckBucket,
  type EarlyWarningMetricName,
  HOUR_MS,
  type HourlyValues,
  hourlyValueAt,
  hourNumber,
  MIN_BASELINE_WEEKS,
  MINUTE_MS,
  bucketErrorRatio,
  latencyP95,
  seasonalBaseline,
  slidingWindows,
  WEEK_MS,
  WINDOW_MINUTES,
  type WindowValue,
} from "../lib/domain/seasonal-baseline.ts";
import { TIER_SLO_PERCENT } from "../lib/domain/slo.ts";
import { seededRandom } from "./random.ts";

/** Matches Probe.degradedAboveMs's default: the page turns degraded above it. */
export const DEGRADED_ABOVE_MS = 1000;
/** 5 vantages every 30 s. */
export const CHECKS_PER_MINUTE = 10;
/** A clean check's chance of failing alone. */
export const BLIP_PROBABILITY = 0.0005;
/** Warnings are scored from here on: three weeks of baseline and a reference span before it. */
const WARMUP_MS = MIN_BASELINE_WEEKS * WEEK_MS + 3 * HOUR_MS;
/** A warning this soon after a degradation ended still belongs to it. */
const AFTERMATH_MS = 30 * MINUTE_MS;
/** How long a degradation goes on rising after its ramp before it is fixed. */
const HOLD_MS = 30 * MINUTE_MS;

export interface ReplayOptions {
  seed: number;
  componentRegions: number;
  weeks: number;
  degradations: number;
}

export const BENCH_OPTIONS: ReplayOptions = {
  seed: 20_261_204,
  componentRegions: 54,
  weeks: 8,
  degradations: 50,
};

/** Latency ramps only: at 10 checks a minute a 5-minute window holds 50 checks, and a tier-1 page burn (1.44 %) is under one failed check, too fine for any 5-minute detector to lead. */
interface Degradation {
  metric: "latency_p95";
  start: number;
  rampMs: number;
}

interface SeriesSpec {
  index: number;
  sloPercent: number;
  levelMs: number;
  dailyAmplitude: number;
  peakHour: number;
  degradations: Degradation[];
}

export type DetectorName = "seasonal" | "static" | "last-week";
export const DETECTORS: readonly DetectorName[] = ["seasonal", "static", "last-week"];

export interface DetectorFigures {
  /** Minutes from the warning to the threshold crossing, one per degradation warned of in time. */
  leadMinutes: number[];
  detected: number;
  falseAlarms: number;
}

export interface ReplayFigures {
  degradations: number;
  /** Degradations whose threshold was crossed in the replay (the ones scored). */
  scored: number;
  componentRegionWeeks: number;
  detectors: Record<DetectorName, DetectorFigures>;
  /** Time spent in the seasonal detector's own code, for the cost figure. */
  seasonalEvaluations: number;
  seasonalMs: number;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Busy in the working day, quieter at night and at weekends. */
function seasonalFactor(spec: SeriesSpec, at: number): number {
  const hour = (at % 86_400_000) / HOUR_MS;
  const weekday = new Date(at).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.45 : 1;
  const daily = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - spec.peakHour + 12)) / 24);
  return 1 + spec.dailyAmplitude * weekend * daily;
}

function plan(options: ReplayOptions, start: number): SeriesSpec[] {
  const random = seededRandom(options.seed);
  const specs: SeriesSpec[] = Array.from({ length: options.componentRegions }, (_, index) => ({
    index,
    sloPercent: index % 3 === 2 ? TIER_SLO_PERCENT.TIER_2 : TIER_SLO_PERCENT.TIER_1,
    levelMs: 30 + random() * 170,
    dailyAmplitude: 0.2 + random() * 0.6,
    peakHour: 9 + random() * 8,
    degradations: [],
  }));
  // Two per ComponentRegion on the first ones, a week or more apart; the rest stay clean.
  const span = options.weeks * WEEK_MS - WARMUP_MS - 4 * HOUR_MS;
  for (let d = 0; d < options.degradations; d++) {
    const spec = specs[Math.floor(d / 2) % specs.length]!;
    const half = d % 2;
    const from = start + WARMUP_MS + (half * span) / 2;
    spec.degradations.push({
      metric: "latency_p95",
      start: Math.floor((from + random() * (span / 2 - 2 * HOUR_MS)) / MINUTE_MS) * MINUTE_MS,
      rampMs: Math.round(20 + random() * 40) * MINUTE_MS,
    });
  }
  return specs;
}

/** 0 before the ramp, 1 when the typical check reaches the threshold, rising on for HOLD_MS, then gone. */
function rampShare(d: Degradation, at: number): number {
  if (at < d.start || at >= d.start + d.rampMs + HOLD_MS) return 0;
  return (at - d.start) / d.rampMs;
}

/** A ComponentRegion's minute rollups, as ingest would have written them. */
function minuteBuckets(spec: SeriesSpec, options: ReplayOptions, start: number): Map<number, CheckBucket> {
  const random = seededRandom(options.seed * 7919 + spec.index);
  const minutes = new Map<number, CheckBucket>();
  const end = start + options.weeks * WEEK_MS;
  let wobble = 0;
  for (let at = start; at < end; at += MINUTE_MS) {
    // A slow drift of a few per cent: no two weeks are the same.
    wobble = 0.999 * wobble + 0.003 * gaussian(random);
    const level = spec.levelMs * seasonalFactor(spec, at) * (1 + wobble);
    let latencyExtra = 0;
    for (const d of spec.degradations) latencyExtra += rampShare(d, at) * Math.max(0, DEGRADED_ABOVE_MS - level);
    const histogram = emptyHistogram();
    let up = 0;
    let degraded = 0;
    let down = 0;
    for (let c = 0; c < CHECKS_PER_MINUTE; c++) {
      const latency = (level + latencyExtra) * Math.exp(0.25 * gaussian(random));
      if (random() < BLIP_PROBABILITY) {
        down++;
        continue;
      }
      histogram[bucketIndex(latency)]!++;
      if (latency > DEGRADED_ABOVE_MS) degraded++;
      else up++;
    }
    minutes.set(at, { upCount: up, degradedCount: degraded, downCount: down, latencyHistogram: histogram });
  }
  return minutes;
}

/** Hour rollups from the minute ones, with the metric each detector reads. */
function hourValues(minutes: ReadonlyMap<number, CheckBucket>, start: number, end: number) {
  const latency = new Map<number, number | null>();
  const errors = new Map<number, number | null>();
  for (let hour = start; hour < end; hour += HOUR_MS) {
    let histogram = emptyHistogram();
    const counts = { upCount: 0, degradedCount: 0, downCount: 0 };
    for (let m = hour; m < hour + HOUR_MS; m += MINUTE_MS) {
      const b = minutes.get(m);
      if (!b) continue;
      histogram = histogram.map((n, i) => n + b.latencyHistogram[i]!);
      counts.upCount += b.upCount;
      counts.degradedCount += b.degradedCount;
      counts.downCount += b.downCount;
    }
    latency.set(hourNumber(hour), latencyP95({ latencyHistogram: histogram }));
    errors.set(hourNumber(hour), bucketErrorRatio(counts));
  }
  return { latency, errors };
}

interface Alarm {
  detector: DetectorName;
  metric: EarlyWarningMetricName;
  at: number;
}

/** Plain comparators with the same persistence as the seasonal detector: a fixed line, and last week's same hour × 1.5. */
function plainUpper(detector: Exclude<DetectorName, "seasonal">, hours: HourlyValues, at: number, threshold: number) {
  if (detector === "static") return threshold / 2;
  const lastWeek = hourlyValueAt(hours, at - WEEK_MS);
  return lastWeek === null ? null : Math.max(lastWeek * 1.5, lastWeek + threshold / 10);
}

/** The first minute after the ramp starts that a window's p95 reaches the degraded line. */
function crossing(d: Degradation, windows: readonly WindowValue[]): number | null {
  for (const w of windows) {
    if (w.at <= d.start) continue;
    if (w.at > d.start + d.rampMs + HOLD_MS) return null;
    if ((w.latencyP95 ?? 0) >= DEGRADED_ABOVE_MS) return w.at;
  }
  return null;
}

/** Replays one ComponentRegion through every detector; returns its alarms and degradations' crossings. */
function replaySeries(spec: SeriesSpec, options: ReplayOptions, start: number, figures: ReplayFigures) {
  const end = start + options.weeks * WEEK_MS;
  const minutes = minuteBuckets(spec, options, start);
  const hours = hourValues(minutes, start, end);
  const from = start + WARMUP_MS;
  const lookback = 151;
  const windows = slidingWindows(minutes, from - lookback * MINUTE_MS, end);
  const alarms: Alarm[] = [];
  for (const metric of ["latency_p95", "error_ratio"] as const) {
    const hourly = metric === "latency_p95" ? hours.latency : hours.errors;
    const threshold = metric === "latency_p95" ? DEGRADED_ABOVE_MS : pageBurnErrorRatio(spec.sloPercent);
    const points: WindowPoint[] = windows.map((w) => ({
      at: w.at,
      value: metric === "latency_p95" ? w.latencyP95 : w.errorRatio,
      checks: w.checks,
      baseline: seasonalBaseline(hourly, w.at - (WINDOW_MINUTES * MINUTE_MS) / 2),
    }));
    let open = false;
    const started = performance.now();
    for (let i = lookback; i < points.length; i++) {
      const verdict = assessEarlyWarning({
        metric,
        points: points.slice(i - lookback + 1, i + 1),
        threshold,
        open,
        withoutEvidence: true,
      })?.verdict;
      figures.seasonalEvaluations++;
      if (verdict === "raise") {
        open = true;
        alarms.push({ detector: "seasonal", metric, at: points[i]!.at });
      } else if (verdict === "clear") open = false;
    }
    figures.seasonalMs += performance.now() - started;
    for (const detector of ["static", "last-week"] as const) {
      let run = 0;
      let calm = 0;
      let isOpen = false;
      for (let i = lookback; i < points.length; i++) {
        const p = points[i]!;
        const upper = plainUpper(detector, hourly, p.at - (WINDOW_MINUTES * MINUTE_MS) / 2, threshold);
        const minimumFailures = metric === "error_ratio" ? Math.round((p.value ?? 0) * p.checks) >= 3 : true;
        const above = upper !== null && p.value !== null && p.value > upper && minimumFailures;
        run = above ? run + 1 : 0;
        calm = above ? 0 : calm + 1;
        if (!isOpen && run >= 3) {
          isOpen = true;
          alarms.push({ detector, metric, at: p.at });
        } else if (isOpen && calm >= 5) isOpen = false;
      }
    }
  }

  const matched = new Set<Alarm>();
  for (const d of spec.degradations) {
    const crossedAt = crossing(d, windows);
    const owned = alarms.filter(
      (a) => a.metric === d.metric && a.at >= d.start && a.at < d.start + d.rampMs + HOLD_MS + AFTERMATH_MS,
    );
    for (const a of owned) matched.add(a);
    if (crossedAt === null) continue;
    figures.scored++;
    for (const detector of DETECTORS) {
      const first = owned.find((a) => a.detector === detector);
      if (first && first.at < crossedAt) {
        figures.detectors[detector].detected++;
        figures.detectors[detector].leadMinutes.push((crossedAt - first.at) / MINUTE_MS);
      }
    }
  }
  for (const a of alarms) if (!matched.has(a)) figures.detectors[a.detector].falseAlarms++;
}

export function runReplay(options: ReplayOptions): ReplayFigures {
  // Monday 00:00 UTC, so the weeks line up with weekdays.
  const start = Date.UTC(2026, 8, 7);
  const specs = plan(options, start);
  const figures: ReplayFigures = {
    degradations: options.degradations,
    scored: 0,
    componentRegionWeeks: options.componentRegions * ((options.weeks * WEEK_MS - WARMUP_MS) / WEEK_MS),
    detectors: {
      seasonal: { leadMinutes: [], detected: 0, falseAlarms: 0 },
      static: { leadMinutes: [], detected: 0, falseAlarms: 0 },
      "last-week": { leadMinutes: [], detected: 0, falseAlarms: 0 },
    },
    seasonalEvaluations: 0,
    seasonalMs: 0,
  };
  for (const spec of specs) replaySeries(spec, options, start, figures);
  return figures;
}

export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >>> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The targets. */
export const TARGETS = { medianLeadMinutes: 10, recall: 0.9, falseAlarmsPerComponentRegionWeek: 1 } as const;
