import { describe, expect, it } from "vitest";
import { addLatency, emptyHistogram } from "./latency-histogram.ts";
import {
  formatLatency,
  LATENCY_RANGES,
  type LatencyRollup,
  latencySeries,
  latencyWindow,
  niceCeiling,
} from "./latency-series.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;

function rollup(bucketStart: string, latencies: number[]): LatencyRollup {
  return {
    bucketStart: new Date(bucketStart),
    count: latencies.length,
    minMs: latencies.length ? Math.min(...latencies) : null,
    maxMs: latencies.length ? Math.max(...latencies) : null,
    histogram: latencies.reduce<readonly number[]>((h, ms) => addLatency(h, ms), emptyHistogram()),
  };
}

describe("LATENCY_RANGES", () => {
  it("is pinned: 15-minute points from minute rollups for a day, hourly for a week, daily for a month", () => {
    expect(LATENCY_RANGES).toEqual({
      "24h": { label: "24 hours", rollup: "minute", stepMs: 15 * MIN, points: 96 },
      "7d": { label: "7 days", rollup: "hour", stepMs: HOUR, points: 168 },
      "30d": { label: "30 days", rollup: "day", stepMs: 24 * HOUR, points: 30 },
    });
  });
});

describe("latencyWindow", () => {
  it("ends with the point that holds now and covers the range", () => {
    const w = latencyWindow(LATENCY_RANGES["24h"], new Date("2026-11-22T12:07:00Z"));
    expect(w.to.toISOString()).toBe("2026-11-22T12:15:00.000Z");
    expect(w.from.toISOString()).toBe("2026-11-21T12:15:00.000Z");
  });
  it("aligns days to UTC midnight", () => {
    const w = latencyWindow(LATENCY_RANGES["30d"], new Date("2026-11-22T23:59:59Z"));
    expect(w.from.toISOString()).toBe("2026-10-24T00:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});

describe("latencySeries", () => {
  const window = latencyWindow(LATENCY_RANGES["24h"], new Date("2026-11-22T12:07:00Z"));

  it("merges the minute rollups of each point and reads its percentiles from the merged histogram", () => {
    // Two minutes in the last point: 19 fast checks and one slow one.
    const series = latencySeries(
      [rollup("2026-11-22T12:00:00Z", Array(10).fill(40)), rollup("2026-11-22T12:05:00Z", [...Array(9).fill(40), 900])],
      window,
    );
    expect(series.points).toHaveLength(96);
    const last = series.points.at(-1)!;
    expect(last).toMatchObject({ count: 20, from: new Date("2026-11-22T12:00:00Z") });
    // p50 lies in the 40 ms bucket (25, 50]; p95 (rank 19) is still fast, the max is not.
    expect(last.p50!).toBeGreaterThan(25);
    expect(last.p50!).toBeLessThanOrEqual(50);
    expect(last.p95!).toBeLessThanOrEqual(50);
    expect(series.overall.p99).toBe(900);
    expect(series.points[0]).toMatchObject({ count: 0, p50: null, p95: null });
  });

  it("sums rollups of several regions in the same bucket and finds the slowest point", () => {
    const series = latencySeries(
      [
        rollup("2026-11-22T10:00:00Z", [100, 120]),
        rollup("2026-11-22T10:00:00Z", [2500, 2600]),
        rollup("2026-11-22T11:00:00Z", [80]),
      ],
      window,
    );
    expect(series.slowest?.from.toISOString()).toBe("2026-11-22T10:00:00.000Z");
    expect(series.slowest?.count).toBe(4);
    expect(series.slowest!.p95!).toBeGreaterThan(2000);
    expect(series.overall.count).toBe(5);
  });

  it("ignores rollups outside the window and says so when nothing is left", () => {
    const series = latencySeries([rollup("2026-11-21T12:14:00Z", [50]), rollup("2026-11-22T12:15:00Z", [50])], window);
    expect(series.overall).toEqual({ count: 0, p50: null, p95: null, p99: null });
    expect(series.slowest).toBeNull();
  });
});

describe("niceCeiling", () => {
  it.each([
    [0, 10],
    [7, 10],
    [11, 20],
    [120, 200],
    [200, 200],
    [340, 500],
    [501, 1000],
    [4200, 5000],
  ])("%d ms → %d ms", (ms, ceiling) => {
    expect(niceCeiling(ms)).toBe(ceiling);
  });
});

describe("formatLatency", () => {
  it("reads like a person writes it", () => {
    expect(formatLatency(null)).toBe("no data");
    expect(formatLatency(119.6)).toBe("120 ms");
    expect(formatLatency(1234)).toBe("1.23 s");
    expect(formatLatency(12_345)).toBe("12.3 s");
  });
});
