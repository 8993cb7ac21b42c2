// Seasonal early warning: is a ComponentRegion's p95 latency or error ratio
// climbing out of its seasonal band, and when will the trend cross the line
// that makes the page degraded (latency) or pages on the 14.4 burn rate
// (errors)? Pure: the worker (lib/early-warning/) and `npm run bench --
// anomaly` feed it the same window series and act on its verdict.
import { bucketIndex, LATENCY_BUCKET_BOUNDS_MS } from "./latency-histogram.ts";
import {
  type EarlyWarningMetricName,
  MAD_TO_SIGMA,
  MINUTE_MS,
  median,
  medianAbsoluteDeviation,
  type SeasonalBaseline,
  WINDOW_MINUTES,
} from "./seasonal-baseline.ts";
import { BURN_RATE_RULES } from "./slo.ts";

/** The band's half-width above the expected value, in robust standard deviations. */
export const BAND_SIGMAS = 4;
/** A warning opens after this many minutes in a row above the band while the trend rises… */
export const RAISE_AFTER_MINUTES = 3;
/** …and clears after this many minutes in a row back within it. */
export const CLEAR_AFTER_MINUTES = 5;
/** This week's offset from the baseline and its noise come from windows ending in this span before now… */
export const REFERENCE_FROM_MINUTES = 150;
/** …leaving out the most recent ones, where a ramp may already have started. */
export const REFERENCE_TO_MINUTES = 30;
/** Fewer reference windows than this: the weeks' own spread stands in for the noise. */
export const MIN_REFERENCE_WINDOWS = 12;
/** The trend (Theil–Sen) is fitted over this many minutes of windows. */
export const TREND_MINUTES = 15;
/** A rise must also cover this share of the way from the expected value to the threshold: no warning for 30 → 45 ms. */
export const MIN_RISE_SHARE = 0.2;
/** The noise floor: latency windows are never read finer than this share of their level (histogram buckets are coarse). */
export const LATENCY_NOISE_FLOOR_SHARE = 0.06;
/** An error-ratio warning needs at least this many failed checks in the window; one blip is not a trend. */
export const MIN_FAILED_CHECKS = 3;
/** The chart shows this much history. */
export const EVIDENCE_MINUTES = 90;

/** The page-level burn rate whose crossing an error-ratio warning forecasts (14.4 over 1 h and 5 min). */
export const PAGE_BURN_RATE = BURN_RATE_RULES[0]!.factor;

/** The error ratio that burns a budget at the page-level rate: 14.4 × (1 − SLO). */
export function pageBurnErrorRatio(sloPercent: number): number {
  return (PAGE_BURN_RATE * (100 - sloPercent)) / 100;
}

/** One 5-minute window with the seasonal baseline of its time. */
export interface WindowPoint {
  /** The window's end, in ms. */
  at: number;
  value: number | null;
  checks: number;
  baseline: SeasonalBaseline | null;
}

export interface EarlyWarningInput {
  metric: EarlyWarningMetricName;
  /** Windows ending at consecutive minutes, oldest first, the last ending now; at least REFERENCE_FROM_MINUTES of them. */
  points: readonly WindowPoint[];
  /** Degraded latency (ms) or the page burn rate's error ratio. */
  threshold: number;
  /** Whether a warning is open for this metric now. */
  open: boolean;
  /** Leave the chart out (a replay that only needs the verdict). */
  withoutEvidence?: boolean;
}

export interface ChartPoint {
  at: number;
  value: number | null;
  expected: number | null;
  upper: number | null;
}

export interface EarlyWarningEvidence {
  metric: EarlyWarningMetricName;
  threshold: number;
  points: ChartPoint[];
  /** The trend from now to the threshold (or the chart's end), when it rises. */
  forecast: { from: { at: number; value: number }; to: { at: number; value: number } } | null;
}

export interface EarlyWarningAssessment {
  /** "raise" opens a warning, "clear" closes the open one, "hold" keeps things as they are. */
  verdict: "raise" | "clear" | "hold";
  observed: number | null;
  expected: number | null;
  spread: number | null;
  upper: number | null;
  /** The trend per minute (Theil–Sen); positive is rising. */
  slopePerMinute: number;
  forecastCrossAt: number | null;
  evidence: EarlyWarningEvidence | null;
}

interface Band {
  /** This week's level against the seasonal median: the median residual of the reference windows. */
  offset: number;
  sigma: number;
}

/** Offset and noise from the reference windows; the weeks' own spread when they are too few. */
function bandOf(input: EarlyWarningInput, now: number): Band | null {
  const residuals: number[] = [];
  // Every fifth window: ones that share no checks, so their spread is the noise of one window.
  for (let i = input.points.length - 1; i >= 0; i -= WINDOW_MINUTES) {
    const p = input.points[i]!;
    const age = (now - p.at) / MINUTE_MS;
    if (age > REFERENCE_FROM_MINUTES) break;
    if (age >= REFERENCE_TO_MINUTES && p.value !== null && p.baseline) residuals.push(p.value - p.baseline.median);
  }
  const last = input.points.at(-1)?.baseline;
  if (!last) return null;
  const weeksSigma = MAD_TO_SIGMA * last.mad;
  if (residuals.length < MIN_REFERENCE_WINDOWS) return { offset: 0, sigma: weeksSigma };
  const offset = median(residuals);
  return { offset, sigma: Math.max(MAD_TO_SIGMA * medianAbsoluteDeviation(residuals, offset), weeksSigma / 2) };
}

function floorOf(metric: EarlyWarningMetricName, expected: number): number {
  return metric === "latency_p95" ? Math.max(1, LATENCY_NOISE_FLOOR_SHARE * expected) : 0;
}

/**
 * Rollup p95s are interpolated inside fixed histogram buckets (500–750 ms is
 * one bucket), so a window whose p95 only reaches the bucket above the
 * expected value's is within resolution: the band reaches to that bucket's top.
 */
export function latencyResolutionTop(expected: number): number {
  const next = bucketIndex(expected) + 1;
  return LATENCY_BUCKET_BOUNDS_MS[next] ?? Number.POSITIVE_INFINITY;
}

/** Theil–Sen: the median of pairwise slopes and the median intercept; robust to a spike or two. */
export function theilSen(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.x - points[i]!.x;
      if (dx !== 0) slopes.push((points[j]!.y - points[i]!.y) / dx);
    }
  if (slopes.length === 0) return null;
  const slope = median(slopes);
  return { slope, intercept: median(points.map((p) => p.y - slope * p.x)) };
}

export function assessEarlyWarning(input: EarlyWarningInput): EarlyWarningAssessment | null {
  const now = input.points.at(-1)?.at;
  if (now === undefined) return null;
  const band = bandOf(input, now);
  const limits = (p: WindowPoint) => {
    if (!band || !p.baseline) return null;
    const expected = Math.max(0, p.baseline.median + band.offset);
    const sigma = Math.max(band.sigma, floorOf(input.metric, expected));
    const rise = Math.max(BAND_SIGMAS * sigma, MIN_RISE_SHARE * Math.max(0, input.threshold - expected));
    const resolution = input.metric === "latency_p95" ? latencyResolutionTop(expected) : 0;
    return { expected, sigma, upper: Math.max(expected + rise, resolution) };
  };
  const above = (p: WindowPoint) => {
    const l = limits(p);
    if (!l || p.value === null || p.value <= l.upper) return false;
    return input.metric !== "error_ratio" || Math.round(p.value * p.checks) >= MIN_FAILED_CHECKS;
  };

  const tail = (n: number) => input.points.slice(-n);
  const lastLimits = limits(input.points.at(-1)!);
  const candidate =
    !input.open && tail(RAISE_AFTER_MINUTES).length === RAISE_AFTER_MINUTES && tail(RAISE_AFTER_MINUTES).every(above);
  // The trend is fitted only when it decides something or is shown: a replay evaluates every minute of eight weeks.
  const fit =
    candidate || input.open || !input.withoutEvidence
      ? theilSen(
          input.points
            .slice(-TREND_MINUTES)
            .filter((p) => p.value !== null)
            .map((p) => ({ x: (p.at - now) / MINUTE_MS, y: p.value! })),
        )
      : null;
  const slope = fit?.slope ?? 0;
  const rising = !!lastLimits && slope > 0 && slope * TREND_MINUTES >= lastLimits.sigma;
  const forecastCrossAt =
    fit && slope > 0
      ? fit.intercept >= input.threshold
        ? now
        : now + Math.round(((input.threshold - fit.intercept) / slope) * MINUTE_MS)
      : null;
  const raise = candidate && rising;
  // Windows without data (every check timing out has no latency) clear nothing.
  const clear = input.open && tail(CLEAR_AFTER_MINUTES).every((p) => p.value !== null && !above(p));

  return {
    verdict: raise ? "raise" : clear ? "clear" : "hold",
    observed: input.points.at(-1)!.value,
    expected: lastLimits?.expected ?? null,
    spread: lastLimits?.sigma ?? null,
    upper: lastLimits?.upper ?? null,
    slopePerMinute: slope,
    forecastCrossAt,
    evidence: input.withoutEvidence
      ? null
      : {
          metric: input.metric,
          threshold: input.threshold,
          points: input.points
            .filter((p) => now - p.at < EVIDENCE_MINUTES * MINUTE_MS)
            .map((p) => {
              const l = limits(p);
              return { at: p.at, value: p.value, expected: l?.expected ?? null, upper: l?.upper ?? null };
            }),
          forecast:
            fit && forecastCrossAt !== null
              ? { from: { at: now, value: fit.intercept }, to: { at: forecastCrossAt, value: input.threshold } }
              : null,
        },
  };
}

/** EarlyWarning.openKey while a warning is open: one per ComponentRegion and metric. */
export function earlyWarningOpenKey(componentRegionId: string, metric: EarlyWarningMetricName): string {
  return `${componentRegionId}:${metric}`;
}
