// The seasonal baseline of a ComponentRegion's p95 latency and error ratio:
// what the same time of day and week looked like in earlier weeks, read from
// hour rollups, with its spread by median and MAD (robust to the one bad week
// an outage leaves behind). Pure: rollups in, numbers out.
import { percentile } from "./latency-histogram.ts";

/** A bucket of checks as rollups keep it. */
export interface CheckBucket {
  upCount: number;
  degradedCount: number;
  downCount: number;
  latencyHistogram: readonly number[];
}

export type EarlyWarningMetricName = "latency_p95" | "error_ratio";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 86_400_000;
/** The comparison bucket: 5 minutes of checks, one ending at every minute. */
export const WINDOW_MINUTES = 5;
/** Fewer earlier weeks than this is no baseline. */
export const MIN_BASELINE_WEEKS = 3;
/** Weeks further back than this are not read. */
export const MAX_BASELINE_WEEKS = 8;
/** MAD × this estimates a normal distribution's standard deviation. */
export const MAD_TO_SIGMA = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  // A typed array sorts numerically, natively: the replay takes millions of medians.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >>> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation from `center` (the median by default). */
export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

/** The p95 latency of a bucket's checks, from its histogram; null without latencies. */
export function latencyP95(bucket: Pick<CheckBucket, "latencyHistogram">): number | null {
  return percentile(bucket.latencyHistogram, 95);
}

/** Failed checks ÷ all checks (the SLI's complement); null without checks. */
export function bucketErrorRatio(bucket: Omit<CheckBucket, "latencyHistogram">): number | null {
  const total = bucket.upCount + bucket.degradedCount + bucket.downCount;
  return total > 0 ? bucket.downCount / total : null;
}

export function metricOf(bucket: CheckBucket, metric: EarlyWarningMetricName): number | null {
  return metric === "latency_p95" ? latencyP95(bucket) : bucketErrorRatio(bucket);
}

/** One 5-minute window: its metrics and how many checks it holds. */
export interface WindowValue {
  /** The window's end (exclusive), on a minute boundary, in ms. */
  at: number;
  latencyP95: number | null;
  errorRatio: number | null;
  checks: number;
}

/**
 * A 5-minute window ending at every minute in (from, to], from minute rollups
 * keyed by their start; a running sum, so a long replay costs one pass.
 */
export function slidingWindows(minutes: ReadonlyMap<number, CheckBucket>, from: number, to: number): WindowValue[] {
  const first = Math.floor(from / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const histogram: number[] = [];
  const counts = { up: 0, degraded: 0, down: 0 };
  const add = (bucket: CheckBucket | undefined, sign: 1 | -1) => {
    if (!bucket) return;
    counts.up += sign * bucket.upCount;
    counts.degraded += sign * bucket.degradedCount;
    counts.down += sign * bucket.downCount;
    bucket.latencyHistogram.forEach((n, i) => {
      histogram[i] = (histogram[i] ?? 0) + sign * n;
    });
  };
  for (let m = first - WINDOW_MINUTES * MINUTE_MS; m < first - MINUTE_MS; m += MINUTE_MS) add(minutes.get(m), 1);
  const out: WindowValue[] = [];
  for (let end = first; end <= to; end += MINUTE_MS) {
    add(minutes.get(end - MINUTE_MS), 1);
    const checks = counts.up + counts.degraded + counts.down;
    const latency = histogram.some((n) => n > 0) ? percentile(histogram, 95) : null;
    out.push({ at: end, latencyP95: latency, errorRatio: checks > 0 ? counts.down / checks : null, checks });
    add(minutes.get(end - WINDOW_MINUTES * MINUTE_MS), -1);
  }
  return out;
}

/** One metric per hour rollup, keyed by the hour's number since the epoch (hourNumber). */
export type HourlyValues = ReadonlyMap<number, number | null>;

export function hourNumber(at: number): number {
  return Math.floor(at / HOUR_MS);
}

/**
 * The hourly series' value at one instant: linear between the midpoints of
 * the two hours around it, so a 5-minute window at 10:55 leans on 11:00's
 * hour as much as on 10:00's. Null when either hour is missing.
 */
export function hourlyValueAt(hours: HourlyValues, at: number): number | null {
  const left = hourNumber(at - HOUR_MS / 2);
  const a = hours.get(left);
  const b = hours.get(left + 1);
  if (a == null || b == null) return a ?? b ?? null;
  const weight = (at - (left * HOUR_MS + HOUR_MS / 2)) / HOUR_MS;
  return a + (b - a) * weight;
}

export interface SeasonalBaseline {
  /** The median of the same instant in earlier weeks. */
  median: number;
  /** Their MAD: how much the weeks disagree. */
  mad: number;
  weeks: number;
}

/**
 * The same time of day and weekday in each of the last MAX_BASELINE_WEEKS
 * weeks; null with fewer than MIN_BASELINE_WEEKS of them. `at` is the middle
 * of the window being compared.
 */
export function seasonalBaseline(hours: HourlyValues, at: number): SeasonalBaseline | null {
  const values: number[] = [];
  for (let week = 1; week <= MAX_BASELINE_WEEKS; week++) {
    const value = hourlyValueAt(hours, at - week * WEEK_MS);
    if (value !== null) values.push(value);
  }
  if (values.length < MIN_BASELINE_WEEKS) return null;
  const center = median(values);
  return { median: center, mad: medianAbsoluteDeviation(values, center), weeks: values.length };
}

/** The hours of the earlier weeks that the baselines of windows ending in (from, to] read. */
export function baselineHourRanges(from: number, to: number): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  for (let week = MAX_BASELINE_WEEKS; week >= 1; week--) {
    ranges.push({
      from: Math.floor((from - week * WEEK_MS) / HOUR_MS) * HOUR_MS - HOUR_MS,
      to: Math.ceil((to - week * WEEK_MS) / HOUR_MS) * HOUR_MS + HOUR_MS,
    });
  }
  return ranges;
}
