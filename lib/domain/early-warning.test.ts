import { describe, expect, it } from "vitest";
import {
  assessEarlyWarning,
  BAND_SIGMAS,
  CLEAR_AFTER_MINUTES,
  earlyWarningOpenKey,
  MIN_FAILED_CHECKS,
  pageBurnErrorRatio,
  RAISE_AFTER_MINUTES,
  REFERENCE_FROM_MINUTES,
  latencyResolutionTop,
  theilSen,
  type WindowPoint,
} from "./early-warning.ts";
import { MINUTE_MS, type SeasonalBaseline } from "./seasonal-baseline.ts";

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const BASE: SeasonalBaseline = { median: 200, mad: 10, weeks: 4 };

/** Windows ending at every minute up to NOW, with a little deterministic noise around 200 ms. */
function series(value: (minutesAgo: number) => number, baseline: SeasonalBaseline | null = BASE): WindowPoint[] {
  const points: WindowPoint[] = [];
  for (let ago = REFERENCE_FROM_MINUTES; ago >= 0; ago--)
    points.push({ at: NOW - ago * MINUTE_MS, value: value(ago), checks: 50, baseline });
  return points;
}
const noise = (ago: number) => 200 + ((ago * 37) % 11) - 5;

describe("assessEarlyWarning", () => {
  it("pins the rule's numbers", () => {
    expect([BAND_SIGMAS, RAISE_AFTER_MINUTES, CLEAR_AFTER_MINUTES, MIN_FAILED_CHECKS]).toEqual([4, 3, 5, 3]);
    expect(pageBurnErrorRatio(99.9)).toBeCloseTo(0.0144, 10);
    expect(pageBurnErrorRatio(99.5)).toBeCloseTo(0.072, 10);
    expect(earlyWarningOpenKey("cr1", "latency_p95")).toBe("cr1:latency_p95");
  });

  it("holds on a series that follows its seasonal baseline", () => {
    const a = assessEarlyWarning({ metric: "latency_p95", points: series(noise), threshold: 1000, open: false })!;
    expect(a.verdict).toBe("hold");
    expect(Math.abs(a.expected! - 200)).toBeLessThan(5);
    expect(a.observed).toBeLessThan(a.upper!);
  });

  it("raises on a ramp, with a forecast of when it crosses the threshold", () => {
    // +20 ms a minute for the last 15 minutes: at 500 ms now, 1000 ms 25 minutes from now.
    const ramp = (ago: number) => (ago < 15 ? 200 + 20 * (15 - ago) : noise(ago));
    const a = assessEarlyWarning({ metric: "latency_p95", points: series(ramp), threshold: 1000, open: false })!;
    expect(a.verdict).toBe("raise");
    expect(a.slopePerMinute).toBeCloseTo(20, 5);
    expect((a.forecastCrossAt! - NOW) / MINUTE_MS).toBeCloseTo(25, 5);
    expect(a.evidence!.forecast!.to).toEqual({ at: a.forecastCrossAt, value: 1000 });
    expect(a.evidence!.points.at(-1)).toMatchObject({ at: NOW, value: 500 });
  });

  it("does not raise on a level that is high but flat, nor on a rise too small to matter", () => {
    const flat = (ago: number) => (ago < 20 ? 500 : noise(ago));
    expect(
      assessEarlyWarning({ metric: "latency_p95", points: series(flat), threshold: 1000, open: false })!.verdict,
    ).toBe("hold");
    const small = (ago: number) => (ago < 8 ? 200 + 8 * (8 - ago) : noise(ago));
    expect(
      assessEarlyWarning({ metric: "latency_p95", points: series(small), threshold: 1000, open: false })!.verdict,
    ).toBe("hold");
  });

  it("needs the rise to last RAISE_AFTER_MINUTES windows", () => {
    const brief = (ago: number) => (ago < RAISE_AFTER_MINUTES - 1 ? 600 + 100 * (2 - ago) : noise(ago));
    expect(
      assessEarlyWarning({ metric: "latency_p95", points: series(brief), threshold: 1000, open: false })!.verdict,
    ).toBe("hold");
  });

  it("adapts to this week's level: a week running 100 ms slower than usual is no warning", () => {
    const slower = (ago: number) => noise(ago) + 100;
    expect(
      assessEarlyWarning({ metric: "latency_p95", points: series(slower), threshold: 1000, open: false })!.verdict,
    ).toBe("hold");
  });

  it("clears an open warning only after CLEAR_AFTER_MINUTES windows back within the band", () => {
    const recovering = (ago: number) => (ago < CLEAR_AFTER_MINUTES - 1 ? noise(ago) : ago < 15 ? 700 : noise(ago));
    expect(
      assessEarlyWarning({ metric: "latency_p95", points: series(recovering), threshold: 1000, open: true })!.verdict,
    ).toBe("hold");
    const recovered = (ago: number) => (ago < CLEAR_AFTER_MINUTES ? noise(ago) : ago < 15 ? 700 : noise(ago));
    expect(
      assessEarlyWarning({ metric: "latency_p95", points: series(recovered), threshold: 1000, open: true })!.verdict,
    ).toBe("clear");
  });

  it("keeps a warning open through windows without data", () => {
    const silent = series((ago) => (ago < 15 ? 700 : noise(ago))).map((p, i, all) =>
      i >= all.length - CLEAR_AFTER_MINUTES ? { ...p, value: null, checks: 0 } : p,
    );
    expect(assessEarlyWarning({ metric: "latency_p95", points: silent, threshold: 1000, open: true })!.verdict).toBe(
      "hold",
    );
  });

  it("has nothing to say without a baseline of at least three weeks", () => {
    const ramp = (ago: number) => (ago < 8 ? 200 + 40 * (8 - ago) : noise(ago));
    const a = assessEarlyWarning({ metric: "latency_p95", points: series(ramp, null), threshold: 1000, open: false });
    expect(a!.verdict).toBe("hold");
    expect(a!.expected).toBeNull();
  });

  it("raises on a rising error ratio, forecasting the page burn rate; one failed check is no trend", () => {
    const base: SeasonalBaseline = { median: 0, mad: 0, weeks: 5 };
    const threshold = pageBurnErrorRatio(99.9);
    const rising = (ago: number) => (ago < 6 ? (6 - ago) * 0.002 : 0);
    const a = assessEarlyWarning({ metric: "error_ratio", points: series(rising, base), threshold, open: false })!;
    // 0.012 of 50 checks now: under MIN_FAILED_CHECKS failures.
    expect(a.verdict).toBe("hold");
    const more = (ago: number) => (ago < 6 ? (6 - ago) * 0.02 : 0);
    const b = assessEarlyWarning({ metric: "error_ratio", points: series(more, base), threshold, open: false })!;
    expect(b.verdict).toBe("raise");
    expect(b.forecastCrossAt).toBe(NOW);
    const blip = (ago: number) => (ago < 5 ? 0.02 : 0);
    expect(
      assessEarlyWarning({ metric: "error_ratio", points: series(blip, base), threshold, open: false })!.verdict,
    ).toBe("hold");
  });
});

describe("latencyResolutionTop", () => {
  it("reaches one histogram bucket above the expected value's, where a p95 is within resolution", () => {
    expect(latencyResolutionTop(470)).toBe(750);
    expect(latencyResolutionTop(200)).toBe(300);
    expect(latencyResolutionTop(12_000)).toBe(Number.POSITIVE_INFINITY);
  });

  it("keeps a p95 that only reaches the next bucket from raising a warning", () => {
    const jumpy = (ago: number) => (ago < 6 ? 470 + 35 * (6 - ago) : 470 + ((ago * 37) % 11));
    const base: SeasonalBaseline = { median: 470, mad: 10, weeks: 4 };
    const a = assessEarlyWarning({ metric: "latency_p95", points: series(jumpy, base), threshold: 1000, open: false })!;
    expect(a.observed).toBe(680);
    expect(a.upper).toBeGreaterThanOrEqual(750);
    expect(a.verdict).toBe("hold");
  });
});

describe("theilSen", () => {
  it("fits a line through an outlier", () => {
    const points = [0, 1, 2, 3, 4, 5, 6].map((x) => ({ x, y: x === 3 ? 100 : 2 * x + 1 }));
    expect(theilSen(points)).toEqual({ slope: 2, intercept: 1 });
    expect(theilSen([{ x: 1, y: 1 }])).toBeNull();
  });
});
