import { describe, expect, it } from "vitest";
import { emptyHistogram, LATENCY_BUCKET_BOUNDS_MS } from "./latency-histogram.ts";
import {
  baselineHourRanges,
  type CheckBucket,
  HOUR_MS,
  hourlyValueAt,
  hourNumber,
  MAX_BASELINE_WEEKS,
  MIN_BASELINE_WEEKS,
  MINUTE_MS,
  median,
  medianAbsoluteDeviation,
  seasonalBaseline,
  slidingWindows,
  WEEK_MS,
  WINDOW_MINUTES,
} from "./seasonal-baseline.ts";

const T = Date.UTC(2026, 11, 4, 10, 0);

function bucket(up: number, down: number, latencyMs: number): CheckBucket {
  const h = emptyHistogram();
  h[LATENCY_BUCKET_BOUNDS_MS.findIndex((b) => latencyMs <= b)]! += up;
  return { upCount: up, degradedCount: 0, downCount: down, latencyHistogram: h };
}

describe("seasonal baseline", () => {
  it("pins the window and the weeks", () => {
    expect([WINDOW_MINUTES, MIN_BASELINE_WEEKS, MAX_BASELINE_WEEKS]).toEqual([5, 3, 8]);
  });

  it("takes medians and MADs that one bad week does not move", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianAbsoluteDeviation([100, 102, 98, 101, 900])).toBe(1);
    expect(() => median([])).toThrow(RangeError);
  });

  it("interpolates hour rollups between their midpoints", () => {
    const hours = new Map([
      [hourNumber(T), 100],
      [hourNumber(T + HOUR_MS), 200],
    ]);
    expect(hourlyValueAt(hours, T + HOUR_MS / 2)).toBe(100);
    expect(hourlyValueAt(hours, T + HOUR_MS)).toBe(150);
    expect(hourlyValueAt(hours, T + (3 * HOUR_MS) / 2)).toBe(200);
    // One side missing: the other stands in; both missing: nothing.
    expect(hourlyValueAt(hours, T + 2 * HOUR_MS)).toBe(200);
    expect(hourlyValueAt(hours, T + 5 * HOUR_MS)).toBeNull();
  });

  it("reads the same time in earlier weeks, and needs at least three of them", () => {
    const at = T + HOUR_MS / 2;
    const hours = new Map<number, number>();
    for (const [i, v] of [120, 100, 110, 500].entries()) hours.set(hourNumber(at - (i + 1) * WEEK_MS), v);
    expect(seasonalBaseline(hours, at)).toEqual({ median: 115, mad: 10, weeks: 4 });
    hours.delete(hourNumber(at - 4 * WEEK_MS));
    hours.delete(hourNumber(at - 3 * WEEK_MS));
    expect(seasonalBaseline(hours, at)).toBeNull();
    // The ranges the worker loads cover every week it reads.
    const ranges = baselineHourRanges(at - HOUR_MS, at);
    expect(ranges).toHaveLength(MAX_BASELINE_WEEKS);
    for (const [i, r] of [...ranges].reverse().entries())
      expect(r.from <= at - (i + 1) * WEEK_MS - HOUR_MS && r.to >= at - (i + 1) * WEEK_MS).toBe(true);
  });

  it("slides a 5-minute window along the minutes, with its p95 and error ratio", () => {
    const minutes = new Map<number, CheckBucket>();
    for (let m = 0; m < 10; m++) minutes.set(T + m * MINUTE_MS, bucket(10, m === 7 ? 2 : 0, m >= 8 ? 700 : 90));
    const windows = slidingWindows(minutes, T + 4 * MINUTE_MS, T + 10 * MINUTE_MS);
    expect(windows.map((w) => w.at)).toEqual([5, 6, 7, 8, 9, 10].map((m) => T + m * MINUTE_MS));
    expect(windows[0]).toMatchObject({ checks: 50, errorRatio: 0 });
    expect(windows[0]!.latencyP95).toBeLessThanOrEqual(100);
    expect(windows[3]).toMatchObject({ checks: 52, errorRatio: 2 / 52 });
    // Minutes 8 and 9 are slow: 20 of the last window's 52 checks.
    expect(windows[5]!.latencyP95).toBeGreaterThan(500);
    expect(slidingWindows(new Map(), T, T + MINUTE_MS)[0]).toMatchObject({ checks: 0, latencyP95: null });
  });
});
