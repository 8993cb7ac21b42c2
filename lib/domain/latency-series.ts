// Response-time series for the public site: p50/p95 per point over 24 h, 7 d
// or 30 d, merged from the rollups' latency histograms. Pure: rollup rows and
// `now` come in, points and a summary go out.
import { emptyHistogram, type LatencyHistogram, mergeHistograms, percentile } from "./latency-histogram.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export type LatencyRangeKey = "24h" | "7d" | "30d";
export type RollupGranularity = "minute" | "hour" | "day";

export interface LatencyRange {
  label: string;
  /** The finest rollup table that still keeps the number of rows read small. */
  rollup: RollupGranularity;
  stepMs: number;
  points: number;
}

/** Finer than each step would add noise, coarser would hide short slowdowns. */
export const LATENCY_RANGES: Readonly<Record<LatencyRangeKey, LatencyRange>> = Object.freeze({
  "24h": { label: "24 hours", rollup: "minute", stepMs: 15 * MINUTE_MS, points: 96 },
  "7d": { label: "7 days", rollup: "hour", stepMs: HOUR_MS, points: 168 },
  "30d": { label: "30 days", rollup: "day", stepMs: DAY_MS, points: 30 },
});

export const LATENCY_RANGE_KEYS = Object.keys(LATENCY_RANGES) as LatencyRangeKey[];

/** One rollup row, possibly already summed over several ComponentRegions. */
export interface LatencyRollup {
  bucketStart: Date;
  count: number;
  minMs: number | null;
  maxMs: number | null;
  histogram: LatencyHistogram;
}

export interface LatencyWindow {
  from: Date;
  /** The end of the point holding `now`; the last point is still filling. */
  to: Date;
  stepMs: number;
  points: number;
}

export interface LatencyPoint {
  from: Date;
  to: Date;
  /** Checks with a latency in this point. */
  count: number;
  p50: number | null;
  p95: number | null;
}

export interface LatencySeries {
  window: LatencyWindow;
  points: LatencyPoint[];
  /** Over the whole window. */
  overall: { count: number; p50: number | null; p95: number | null; p99: number | null };
  /** The point with the highest p95, if any point has data. */
  slowest: LatencyPoint | null;
}

/** Points aligned to the step (UTC midnight for days), the last one holding `now`. */
export function latencyWindow(range: LatencyRange, now: Date): LatencyWindow {
  const t = now.getTime();
  if (Number.isNaN(t)) throw new RangeError("now is not a valid date");
  const to = Math.floor(t / range.stepMs) * range.stepMs + range.stepMs;
  return {
    from: new Date(to - range.points * range.stepMs),
    to: new Date(to),
    stepMs: range.stepMs,
    points: range.points,
  };
}

interface Accumulator {
  count: number;
  minMs: number | null;
  maxMs: number | null;
  histogram: number[];
}

const empty = (): Accumulator => ({ count: 0, minMs: null, maxMs: null, histogram: emptyHistogram() });

function absorb(into: Accumulator, row: Pick<LatencyRollup, "count" | "minMs" | "maxMs" | "histogram">): void {
  into.count += row.count;
  into.histogram = mergeHistograms(into.histogram, row.histogram);
  if (row.minMs !== null) into.minMs = into.minMs === null ? row.minMs : Math.min(into.minMs, row.minMs);
  if (row.maxMs !== null) into.maxMs = into.maxMs === null ? row.maxMs : Math.max(into.maxMs, row.maxMs);
}

function pct(a: Accumulator, p: number): number | null {
  return percentile(a.histogram, p, { minMs: a.minMs ?? undefined, maxMs: a.maxMs ?? undefined });
}

/** Rollups outside the window are ignored; points without checks have null percentiles. */
export function latencySeries(rollups: readonly LatencyRollup[], window: LatencyWindow): LatencySeries {
  const bins = Array.from({ length: window.points }, empty);
  const total = empty();
  const from = window.from.getTime();
  for (const row of rollups) {
    const index = Math.floor((row.bucketStart.getTime() - from) / window.stepMs);
    if (index < 0 || index >= window.points) continue;
    absorb(bins[index]!, row);
    absorb(total, row);
  }
  const points = bins.map((bin, i) => ({
    from: new Date(from + i * window.stepMs),
    to: new Date(from + (i + 1) * window.stepMs),
    count: bin.count,
    p50: pct(bin, 50),
    p95: pct(bin, 95),
  }));
  let slowest: LatencyPoint | null = null;
  for (const point of points) if (point.p95 !== null && (slowest === null || point.p95 > slowest.p95!)) slowest = point;
  return {
    window,
    points,
    overall: { count: total.count, p50: pct(total, 50), p95: pct(total, 95), p99: pct(total, 99) },
    slowest,
  };
}

/** A round axis maximum at or above `ms`: 1, 2 or 5 × a power of ten (at least 10 ms). */
export function niceCeiling(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a finite number ≥ 0, got ${ms}`);
  if (ms <= 10) return 10;
  const power = 10 ** Math.floor(Math.log10(ms));
  for (const step of [1, 2, 5, 10]) if (step * power >= ms) return step * power;
  return 10 * power;
}

/** "120 ms", "1.2 s", "no data". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "no data";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
