import { describe, expect, it } from "vitest";
import { aggregateResponse, responseTimes, summarise } from "./response-metrics.ts";

const t = (iso: string) => new Date(`2026-03-10T${iso}Z`);

describe("responseTimes", () => {
  it("measures detect from the start, acknowledge from detection, resolve from the start", () => {
    expect(
      responseTimes({
        startedAt: t("10:00:00"),
        detectedAt: t("10:01:30"),
        acknowledgedAt: t("10:06:30"),
        resolvedAt: t("11:00:00"),
      }),
    ).toEqual({
      timeToDetectMs: 90_000,
      timeToAcknowledgeMs: 300_000,
      timeToResolveMs: 3_600_000,
    });
  });

  it("leaves what has not happened yet empty", () => {
    expect(
      responseTimes({ startedAt: t("10:00:00"), detectedAt: t("10:01:00"), acknowledgedAt: null, resolvedAt: null }),
    ).toEqual({
      timeToDetectMs: 60_000,
      timeToAcknowledgeMs: null,
      timeToResolveMs: null,
    });
  });

  it("never reports negative time", () => {
    expect(
      responseTimes({
        startedAt: t("10:05:00"),
        detectedAt: t("10:00:00"),
        acknowledgedAt: t("10:00:00"),
        resolvedAt: null,
      }).timeToDetectMs,
    ).toBe(0);
  });
});

describe("summarise", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(summarise([5, 1, 3])).toEqual({ count: 3, medianMs: 3, meanMs: 3 });
    expect(summarise([10, 1, 4, 3])).toEqual({ count: 4, medianMs: 3.5, meanMs: 4.5 });
    expect(summarise([])).toEqual({ count: 0, medianMs: null, meanMs: null });
  });
});

describe("aggregateResponse", () => {
  it("summarises each measure over the incidents that have it", () => {
    const agg = aggregateResponse([
      { timeToDetectMs: 60_000, timeToAcknowledgeMs: 120_000, timeToResolveMs: 600_000 },
      { timeToDetectMs: 180_000, timeToAcknowledgeMs: null, timeToResolveMs: null },
    ]);
    expect(agg).toEqual({
      incidents: 2,
      detect: { count: 2, medianMs: 120_000, meanMs: 120_000 },
      acknowledge: { count: 1, medianMs: 120_000, meanMs: 120_000 },
      resolve: { count: 1, medianMs: 600_000, meanMs: 600_000 },
    });
  });
});
