import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addLatency,
  bucketIndex,
  emptyHistogram,
  HISTOGRAM_SIZE,
  LATENCY_BUCKET_BOUNDS_MS,
  type LatencyHistogram,
  mergeHistograms,
  percentile,
} from "./latency-histogram.ts";

function histogramOf(samples: readonly number[]): number[] {
  return samples.reduce<number[]>((h, ms) => addLatency(h, ms), emptyHistogram());
}

/** Nearest-rank percentile of a raw sample: the definition the histogram approximates. */
function exactPercentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

// Log-uniform, so that every bucket and neighbouring ranks in different buckets come up.
const latency = fc.oneof(
  fc.double({ min: 0, max: 4.3, noNaN: true }).map((x) => 10 ** x),
  fc.integer({ min: 0, max: 15_000 }),
  fc.constantFrom(0, ...LATENCY_BUCKET_BOUNDS_MS),
);
const histogram = fc.array(latency, { maxLength: 40 }).map(histogramOf);

describe("the bucket layout", () => {
  it("is pinned: stored rollups depend on it", () => {
    expect(LATENCY_BUCKET_BOUNDS_MS).toEqual([
      10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000,
    ]);
    expect(HISTOGRAM_SIZE).toBe(19);
    expect(emptyHistogram()).toEqual(new Array(19).fill(0));
  });

  it("puts a bound in its own bucket and anything past the last bound in the overflow", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(10)).toBe(0);
    expect(bucketIndex(10.001)).toBe(1);
    expect(bucketIndex(100)).toBe(4);
    expect(bucketIndex(10_000)).toBe(17);
    expect(bucketIndex(10_001)).toBe(18);
    expect(bucketIndex(1e9)).toBe(18);
  });

  it("rejects latencies that cannot have been measured", () => {
    expect(() => bucketIndex(-1)).toThrow(RangeError);
    expect(() => bucketIndex(Number.NaN)).toThrow(RangeError);
    expect(() => bucketIndex(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => mergeHistograms([1, 2], emptyHistogram())).toThrow(RangeError);
  });
});

describe("addLatency", () => {
  it("counts into a new array and leaves the input alone", () => {
    const before = emptyHistogram();
    const after = addLatency(before, 120);
    expect(before).toEqual(emptyHistogram());
    expect(after[5]).toBe(1);
    expect(after.reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe("percentile", () => {
  it("is null when nothing was measured", () => {
    expect(percentile(emptyHistogram(), 50)).toBeNull();
  });

  it("interpolates linearly inside the bucket holding the rank", () => {
    // Four samples in (100, 150]: ranks 1..4 sit at 1/4..4/4 of the bucket.
    const h = histogramOf([110, 120, 130, 140]);
    expect(percentile(h, 25)).toBe(112.5);
    expect(percentile(h, 50)).toBe(125);
    expect(percentile(h, 100)).toBe(150);
  });

  it("never reports beyond the observed min and max", () => {
    const h = histogramOf([110, 120, 130, 140]);
    expect(percentile(h, 100, { minMs: 110, maxMs: 140 })).toBe(140);
    expect(percentile(histogramOf([42]), 50, { minMs: 42, maxMs: 42 })).toBe(42);
  });

  it("spreads the ranks over the observed part of the bucket only", () => {
    // (25, 50] narrowed to [45, 48]: rank 1 of 4 sits a quarter of the way up.
    expect(percentile(histogramOf([45, 46, 47, 48]), 25, { minMs: 45, maxMs: 48 })).toBe(45.75);
  });

  it("stays inside the overflow bucket when the step is below a double's resolution", () => {
    const justOver = 10_000.000000000002;
    const estimate = percentile(histogramOf([justOver, justOver, justOver]), 33, { maxMs: justOver });
    expect(estimate).toBe(justOver);
  });

  it("ranks by nearest rank: p60 of two samples is the larger one", () => {
    expect(percentile(histogramOf([5, 30]), 60, { minMs: 5, maxMs: 30 })).toBe(30);
    expect(percentile(histogramOf([5, 30]), 50, { minMs: 5, maxMs: 30 })).toBe(10);
  });

  it("uses the observed max as the top of the overflow bucket, and the last bound without it", () => {
    const h = histogramOf([12_000, 20_000]);
    expect(percentile(h, 50, { maxMs: 20_000 })).toBe(15_000);
    expect(percentile(h, 99)).toBe(10_000);
  });

  it("rejects a percentile outside [0, 100]", () => {
    expect(() => percentile(histogramOf([1]), 101)).toThrow(RangeError);
    expect(() => percentile(histogramOf([1]), -1)).toThrow(RangeError);
  });

  it("lands in the same bucket as the exact percentile of the raw sample", () => {
    fc.assert(
      fc.property(
        fc.array(latency, { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (samples, p) => {
          const minMs = Math.min(...samples);
          const maxMs = Math.max(...samples);
          const estimate = percentile(histogramOf(samples), p, { minMs, maxMs });
          expect(estimate).not.toBeNull();
          expect(bucketIndex(estimate!)).toBe(bucketIndex(exactPercentile(samples, p)));
          expect(estimate!).toBeGreaterThanOrEqual(minMs);
          expect(estimate!).toBeLessThanOrEqual(maxMs);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("mergeHistograms", () => {
  it("is commutative and associative", () => {
    fc.assert(
      fc.property(histogram, histogram, histogram, (a: LatencyHistogram, b: LatencyHistogram, c: LatencyHistogram) => {
        expect(mergeHistograms(a, b)).toEqual(mergeHistograms(b, a));
        expect(mergeHistograms(a, mergeHistograms(b, c))).toEqual(mergeHistograms(mergeHistograms(a, b), c));
      }),
    );
  });

  it("gives the same histogram as adding every sample to one", () => {
    fc.assert(
      fc.property(fc.array(fc.array(latency, { maxLength: 30 }), { maxLength: 6 }), (rollups) => {
        const merged = rollups.map(histogramOf).reduce(mergeHistograms, emptyHistogram());
        expect(merged).toEqual(histogramOf(rollups.flat()));
      }),
    );
  });
});
