// The fixed latency histogram kept in every rollup, so that p50/p95/p99 over
// any range come from merged rollups and never from raw check results.
// Pure: histograms are plain count arrays and every function returns a new one.

/**
 * Upper bounds (inclusive, in ms) of the finite buckets, ascending; one
 * overflow bucket follows for anything slower. Bucket i holds (bound[i-1], bound[i]],
 * bucket 0 holds [0, 10]. Changing these invalidates every stored rollup.
 */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = Object.freeze([
  10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000,
]);

/** Finite buckets plus the overflow bucket. */
export const HISTOGRAM_SIZE = LATENCY_BUCKET_BOUNDS_MS.length + 1;

const OVERFLOW = HISTOGRAM_SIZE - 1;

/** Counts per bucket; always HISTOGRAM_SIZE long. */
export type LatencyHistogram = readonly number[];

export interface PercentileOptions {
  /** The smallest latency observed (rollups keep it); narrows the result. */
  minMs?: number;
  /** The largest latency observed; also the upper end of the overflow bucket. */
  maxMs?: number;
}

function assertLatency(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a finite number ≥ 0, got ${ms}`);
}

function assertHistogram(h: LatencyHistogram): void {
  if (h.length !== HISTOGRAM_SIZE)
    throw new RangeError(`histogram must have ${HISTOGRAM_SIZE} buckets, got ${h.length}`);
}

/** The bucket a latency falls in (binary search over the bounds). */
export function bucketIndex(ms: number): number {
  assertLatency(ms);
  let lo = 0;
  let hi = OVERFLOW;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ms <= LATENCY_BUCKET_BOUNDS_MS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_SIZE).fill(0);
}

export function addLatency(h: LatencyHistogram, ms: number): number[] {
  assertHistogram(h);
  const next = [...h];
  const i = bucketIndex(ms);
  next[i] = next[i]! + 1;
  return next;
}

export function mergeHistograms(a: LatencyHistogram, b: LatencyHistogram): number[] {
  assertHistogram(a);
  assertHistogram(b);
  return a.map((count, i) => count + b[i]!);
}

/**
 * The p-th percentile (p in [0, 100]) by nearest rank, interpolated linearly
 * inside the bucket that holds that rank; null for an empty histogram.
 * With the observed maxMs it lies in the same bucket as the exact sample
 * percentile; without it, an overflow rank reports the last finite bound.
 */
export function percentile(h: LatencyHistogram, p: number, options: PercentileOptions = {}): number | null {
  assertHistogram(h);
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  const total = h.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;

  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let below = 0;
  let index = 0;
  while (below + h[index]! < rank) {
    below += h[index]!;
    index++;
  }
  const count = h[index]!;

  const bucketLow = index === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[index - 1]!;
  // Without an observed maximum the overflow bucket can only say "at least this".
  const bucketHigh = index === OVERFLOW ? (options.maxMs ?? bucketLow) : LATENCY_BUCKET_BOUNDS_MS[index]!;
  const low = Math.max(bucketLow, options.minMs ?? bucketLow);
  const high = Math.min(bucketHigh, options.maxMs ?? bucketHigh);

  let value = low + (high - low) * ((rank - below) / count);
  // Buckets are open below; a step too small for a double must not land on the bound.
  if (index > 0 && value <= bucketLow) value = high;
  return Math.min(Math.max(value, options.minMs ?? value), options.maxMs ?? value);
}
