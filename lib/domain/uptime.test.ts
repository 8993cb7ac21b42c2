import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "./status.ts";
import {
  addDurations,
  availabilityForWindow,
  availabilityOf,
  dailyBars,
  type MeasuredStatus,
  monthWindow,
  PUBLIC_UPTIME_WEIGHTS,
  type StatusPoint,
  statusDurations,
  type TimeWindow,
  type UptimeWeights,
  utcDayWindows,
} from "./uptime.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function history(...points: [string, ComponentStatus | null][]): StatusPoint[] {
  return points.map(([at, status]) => ({ at: new Date(at), status }));
}
function span(from: string, to: string): TimeWindow {
  return { from: new Date(from), to: new Date(to) };
}
const day = (d: string) => span(`${d}T00:00:00Z`, new Date(new Date(`${d}T00:00:00Z`).getTime() + DAY).toISOString());

describe("PUBLIC_UPTIME_WEIGHTS", () => {
  it("is pinned: Statuspage counts a partial outage as 30 % downtime", () => {
    expect(PUBLIC_UPTIME_WEIGHTS).toEqual({
      major_outage: 1,
      partial_outage: 0.3,
      degraded_performance: 0,
      operational: 0,
    });
  });
});

describe("monthWindow", () => {
  it.each([
    ["2026-01", "2026-02-01T00:00:00.000Z", 31],
    ["2026-02", "2026-03-01T00:00:00.000Z", 28],
    ["2028-02", "2028-03-01T00:00:00.000Z", 29],
    ["2100-02", "2100-03-01T00:00:00.000Z", 28],
    ["2026-04", "2026-05-01T00:00:00.000Z", 30],
    ["2026-12", "2027-01-01T00:00:00.000Z", 31],
  ])("%s ends at %s after %i days", (month, end, days) => {
    const w = monthWindow(month);
    expect(w.from.toISOString()).toBe(`${month}-01T00:00:00.000Z`);
    expect(w.to.toISOString()).toBe(end);
    expect(w.to.getTime() - w.from.getTime()).toBe(days * DAY);
  });

  it("does not read a two-digit year as the 1900s", () => {
    expect(monthWindow("0099-01").from.getUTCFullYear()).toBe(99);
  });

  it.each(["2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", "", "2026/01"])("rejects %j", (bad) => {
    expect(() => monthWindow(bad)).toThrow(RangeError);
  });
});

describe("utcDayWindows", () => {
  it("cuts today at `end` and steps back over a month end", () => {
    const windows = utcDayWindows(new Date("2026-03-01T12:00:00Z"), 2);
    expect(windows.map((w) => [w.day, w.from.toISOString(), w.to.toISOString()])).toEqual([
      ["2026-02-28", "2026-02-28T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
      ["2026-03-01", "2026-03-01T00:00:00.000Z", "2026-03-01T12:00:00.000Z"],
    ]);
  });

  it("treats an `end` at midnight as the end of the day before", () => {
    expect(utcDayWindows(new Date("2026-03-01T00:00:00Z"), 1).map((w) => w.day)).toEqual(["2026-02-28"]);
  });

  it("rejects a day count that is not a positive integer", () => {
    expect(() => utcDayWindows(new Date(), 0)).toThrow(RangeError);
    expect(() => utcDayWindows(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe("availabilityForWindow: hand-computed cases", () => {
  it("splits an outage crossing midnight between the two days", () => {
    const h = history(
      ["2026-03-01T00:00:00Z", "operational"],
      ["2026-03-09T23:00:00Z", "major_outage"],
      ["2026-03-10T01:00:00Z", "operational"],
    );
    expect(availabilityForWindow(h, day("2026-03-09"), []).availability).toBe(1 - 1 / 24);
    expect(availabilityForWindow(h, day("2026-03-10"), []).availability).toBe(1 - 1 / 24);
    const bars = dailyBars(h, [], { days: 3, end: new Date("2026-03-11T00:00:00Z") });
    expect(bars.map((b) => [b.day, b.worstStatus, b.downtimeMs])).toEqual([
      ["2026-03-08", "operational", 0],
      ["2026-03-09", "major_outage", HOUR],
      ["2026-03-10", "major_outage", HOUR],
    ]);
  });

  it("gives January and February their own half of an outage across the month end", () => {
    const h = history(
      ["2026-01-01T00:00:00Z", "operational"],
      ["2026-01-31T23:30:00Z", "major_outage"],
      ["2026-02-01T00:30:00Z", "operational"],
    );
    const jan = availabilityForWindow(h, monthWindow("2026-01"), []);
    const feb = availabilityForWindow(h, monthWindow("2026-02"), []);
    expect(jan.downtimeMs).toBe(30 * MIN);
    expect(jan.availability).toBe(1 - 30 / (31 * 24 * 60));
    expect(feb.downtimeMs).toBe(30 * MIN);
    expect(feb.availability).toBe(1 - 30 / (28 * 24 * 60));
  });

  it("takes maintenance out of the denominator, even where it overlaps an outage", () => {
    const h = history(
      ["2026-03-01T00:00:00Z", "operational"],
      ["2026-03-02T10:00:00Z", "major_outage"],
      ["2026-03-02T12:00:00Z", "operational"],
    );
    const maintenance = [
      span("2026-03-02T11:00:00Z", "2026-03-02T13:00:00Z"),
      span("2026-03-02T12:30:00Z", "2026-03-02T13:00:00Z"), // overlaps the first: counted once
      span("2026-03-01T23:00:00Z", "2026-03-02T01:00:00Z"), // straddles the window start
    ];
    const a = availabilityForWindow(h, day("2026-03-02"), maintenance);
    expect(a.maintenanceMs).toBe(3 * HOUR);
    expect(a.downtimeMs).toBe(HOUR);
    expect(a.measuredMs).toBe(21 * HOUR);
    expect(a.availability).toBe(1 - 1 / 21);
  });

  it("counts a recorded under_maintenance status as maintenance", () => {
    const h = history(
      ["2026-03-02T00:00:00Z", "operational"],
      ["2026-03-02T06:00:00Z", "under_maintenance"],
      ["2026-03-02T12:00:00Z", "operational"],
    );
    const d = statusDurations(h, day("2026-03-02"), []);
    expect(d).toEqual({
      windowMs: DAY,
      maintenanceMs: 6 * HOUR,
      unknownMs: 0,
      ms: { operational: 18 * HOUR, degraded_performance: 0, partial_outage: 0, major_outage: 0 },
    });
  });

  it("counts a silent-agent gap neither up nor down", () => {
    const h = history(
      ["2026-03-02T00:00:00Z", "operational"],
      ["2026-03-02T06:00:00Z", null],
      ["2026-03-02T09:00:00Z", "operational"],
    );
    const a = availabilityForWindow(h, day("2026-03-02"), []);
    expect(a.unknownMs).toBe(3 * HOUR);
    expect(a.measuredMs).toBe(21 * HOUR);
    expect(a.availability).toBe(1);
  });

  it("weights a partial outage at 0.3 publicly and as a contract says otherwise", () => {
    const h = history(
      ["2026-03-02T00:00:00Z", "partial_outage"],
      ["2026-03-02T10:00:00Z", "degraded_performance"],
      ["2026-03-02T12:00:00Z", "operational"],
    );
    const pub = availabilityForWindow(h, day("2026-03-02"), []);
    expect(pub.ms).toEqual({
      operational: 12 * HOUR,
      degraded_performance: 2 * HOUR,
      partial_outage: 10 * HOUR,
      major_outage: 0,
    });
    expect(pub.downtimeMs).toBeCloseTo(3 * HOUR, 6);
    expect(pub.availability).toBeCloseTo(1 - 3 / 24, 12);
    const strict = { ...PUBLIC_UPTIME_WEIGHTS, partial_outage: 1, degraded_performance: 0.5 };
    expect(availabilityForWindow(h, day("2026-03-02"), [], { weights: strict }).availability).toBe(1 - 11 / 24);
    expect(() => availabilityForWindow(h, day("2026-03-02"), [], { weights: { ...strict, major_outage: 2 } })).toThrow(
      RangeError,
    );
  });

  it("reports a window before any history as unknown, not as up", () => {
    const h = history(["2026-03-05T00:00:00Z", "operational"]);
    const a = availabilityForWindow(h, day("2026-03-02"), []);
    expect(a).toMatchObject({ availability: null, unknownMs: DAY, measuredMs: 0, downtimeMs: 0 });
    expect(availabilityForWindow(h, day("2026-03-02"), [], { initial: "operational" }).availability).toBe(1);
  });

  it("rejects an unsorted history and a window that ends before it starts", () => {
    const h = history(["2026-03-02T10:00:00Z", "operational"], ["2026-03-02T09:00:00Z", "major_outage"]);
    expect(() => statusDurations(h, day("2026-03-02"), [])).toThrow(RangeError);
    expect(() => statusDurations([], span("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z"), [])).toThrow(RangeError);
  });
});

describe("dailyBars: hand-computed cases", () => {
  it("shows maintenance only when nothing worse happened, and no status for a day without data", () => {
    const h = history(
      ["2026-03-02T00:00:00Z", "operational"],
      ["2026-03-03T05:00:00Z", "degraded_performance"],
      ["2026-03-03T06:00:00Z", "operational"],
    );
    const maintenance = [
      span("2026-03-02T02:00:00Z", "2026-03-02T03:00:00Z"),
      span("2026-03-03T01:00:00Z", "2026-03-03T02:00:00Z"),
    ];
    const bars = dailyBars(h, maintenance, { days: 3, end: new Date("2026-03-03T12:00:00Z") });
    expect(bars).toEqual([
      { day: "2026-03-01", availability: null, worstStatus: null, unknownMs: DAY, maintenanceMs: 0, downtimeMs: 0 },
      {
        day: "2026-03-02",
        availability: 1,
        worstStatus: "under_maintenance",
        unknownMs: 0,
        maintenanceMs: HOUR,
        downtimeMs: 0,
      },
      {
        day: "2026-03-03",
        availability: 1,
        worstStatus: "degraded_performance",
        unknownMs: 0,
        maintenanceMs: HOUR,
        downtimeMs: 0,
      },
    ]);
  });
});

// Property tests: everything on whole minutes, checked against a minute-by-minute brute force.
const BASE = Date.UTC(2026, 1, 26); // four days from here cross February's end
const SPAN_MIN = 4 * 24 * 60;
const STATUSES: (ComponentStatus | null)[] = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
  null,
];
const MEASURED: MeasuredStatus[] = ["operational", "degraded_performance", "partial_outage", "major_outage"];
// Restated here so the property does not lean on the code under test.
const RANK: ComponentStatus[] = [
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage",
];
const atMinute = (m: number) => new Date(BASE + m * MIN);
const weight = fc.double({ min: 0, max: 1, noNaN: true });

const scenario = fc.record({
  points: fc.array(
    fc.record({ minute: fc.integer({ min: -120, max: SPAN_MIN + 120 }), status: fc.constantFrom(...STATUSES) }),
    { maxLength: 25 },
  ),
  maintenance: fc.array(
    fc.record({ start: fc.integer({ min: -200, max: SPAN_MIN }), length: fc.integer({ min: 0, max: 600 }) }),
    { maxLength: 4 },
  ),
  initial: fc.constantFrom(...STATUSES),
  weights: fc.option(
    fc.record({ operational: weight, degraded_performance: weight, partial_outage: weight, major_outage: weight }),
    { nil: undefined },
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function inputsOf(s: Scenario) {
  const points = [...s.points].sort((a, b) => a.minute - b.minute);
  return {
    points,
    history: points.map((p) => ({ at: atMinute(p.minute), status: p.status })),
    maintenance: s.maintenance.map((m) => ({ from: atMinute(m.start), to: atMinute(m.start + m.length) })),
  };
}

/** What one minute counts as, by definition rather than by sweep. */
function classify(
  s: Scenario,
  points: Scenario["points"],
  minute: number,
): { status: ComponentStatus | null; maintenance: boolean } {
  let status = s.initial;
  for (const p of points) if (p.minute <= minute) status = p.status;
  const planned = s.maintenance.some((m) => m.start <= minute && minute < m.start + m.length);
  return { status: planned ? "under_maintenance" : status, maintenance: planned || status === "under_maintenance" };
}

function bruteForce(s: Scenario, points: Scenario["points"], fromMin: number, toMin: number) {
  const weights: UptimeWeights = s.weights ?? PUBLIC_UPTIME_WEIGHTS;
  const ms: Record<MeasuredStatus, number> = {
    operational: 0,
    degraded_performance: 0,
    partial_outage: 0,
    major_outage: 0,
  };
  let maintenanceMs = 0;
  let unknownMs = 0;
  let downtimeMs = 0;
  const seen: ComponentStatus[] = [];
  for (let m = fromMin; m < toMin; m++) {
    const c = classify(s, points, m);
    if (c.status !== null) seen.push(c.status);
    if (c.maintenance) maintenanceMs += MIN;
    else if (c.status === null) unknownMs += MIN;
    else {
      const measured = c.status as MeasuredStatus;
      ms[measured] += MIN;
      downtimeMs += weights[measured] * MIN;
    }
  }
  const measuredMs = MEASURED.reduce((sum, k) => sum + ms[k], 0);
  return {
    windowMs: (toMin - fromMin) * MIN,
    maintenanceMs,
    unknownMs,
    ms,
    downtimeMs,
    measuredMs,
    seen,
    availability: measuredMs > 0 ? 1 - downtimeMs / measuredMs : null,
  };
}

function expectCloseOrNull(actual: number | null, expected: number | null) {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 12);
}

describe("property: the sweep agrees with a minute-by-minute brute force", () => {
  it("statusDurations and availabilityForWindow", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: -60, max: SPAN_MIN }),
        fc.integer({ min: 0, max: SPAN_MIN }),
        (s, fromMin, length) => {
          const { points, history: h, maintenance } = inputsOf(s);
          const window = { from: atMinute(fromMin), to: atMinute(fromMin + length) };
          const expected = bruteForce(s, points, fromMin, fromMin + length);
          const durations = statusDurations(h, window, maintenance, s.initial);
          expect(durations).toEqual({
            windowMs: expected.windowMs,
            maintenanceMs: expected.maintenanceMs,
            unknownMs: expected.unknownMs,
            ms: expected.ms,
          });
          const a = availabilityForWindow(h, window, maintenance, { weights: s.weights, initial: s.initial });
          expect(a.measuredMs).toBe(expected.measuredMs);
          expect(a.downtimeMs).toBeCloseTo(expected.downtimeMs, 3);
          expectCloseOrNull(a.availability, expected.availability);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("dailyBars", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 1, max: SPAN_MIN }),
        fc.integer({ min: 1, max: 4 }),
        (s, endMin, days) => {
          const { points, history: h, maintenance } = inputsOf(s);
          const bars = dailyBars(h, maintenance, {
            days,
            end: atMinute(endMin),
            initial: s.initial,
            weights: s.weights,
          });
          const lastDayStartMin = Math.floor((endMin - 1) / (24 * 60)) * 24 * 60;
          expect(bars).toHaveLength(days);
          bars.forEach((bar, k) => {
            const fromMin = lastDayStartMin - (days - 1 - k) * 24 * 60;
            const toMin = Math.min(fromMin + 24 * 60, endMin);
            const expected = bruteForce(s, points, fromMin, toMin);
            expect(bar.day).toBe(atMinute(fromMin).toISOString().slice(0, 10));
            expect(bar.unknownMs).toBe(expected.unknownMs);
            expect(bar.maintenanceMs).toBe(expected.maintenanceMs);
            expect(bar.downtimeMs).toBeCloseTo(expected.downtimeMs, 3);
            expectCloseOrNull(bar.availability, expected.availability);
            const worst = expected.seen.reduce<ComponentStatus | null>(
              (w, st) => (w === null || RANK.indexOf(st) > RANK.indexOf(w) ? st : w),
              null,
            );
            expect(bar.worstStatus).toBe(worst);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("property: a window counted in two parts adds up to the whole", () => {
  it("addDurations and availabilityOf", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: SPAN_MIN }), fc.integer({ min: 0, max: SPAN_MIN }), (s, a, b) => {
        const { history: h, maintenance } = inputsOf(s);
        const [fromMin, toMin] = [0, SPAN_MIN];
        const cut = Math.min(a, b);
        const whole = statusDurations(h, { from: atMinute(fromMin), to: atMinute(toMin) }, maintenance, s.initial);
        const before = statusDurations(h, { from: atMinute(fromMin), to: atMinute(cut) }, maintenance, s.initial);
        // The second part starts from the status the first part ended in, as a reader keeping ended days does.
        const last = h.filter((p) => p.at.getTime() < atMinute(cut).getTime()).at(-1);
        const statusAtCut = last ? last.status : s.initial;
        const after = statusDurations(
          h.filter((p) => p.at.getTime() >= atMinute(cut).getTime()),
          { from: atMinute(cut), to: atMinute(toMin) },
          maintenance,
          statusAtCut,
        );
        const sum = addDurations(before, after);
        expect(sum).toEqual(whole);
        expect(availabilityOf(sum, s.weights)).toEqual(
          availabilityForWindow(h, { from: atMinute(fromMin), to: atMinute(toMin) }, maintenance, {
            weights: s.weights,
            initial: s.initial,
          }),
        );
      }),
      { numRuns: 150 },
    );
  });
});
