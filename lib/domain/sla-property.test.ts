import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ContractDowntimeInput, contractDowntime, contractYearStart, type SlaMaintenance } from "./sla.ts";
import { recountContractDowntime } from "./sla-minute-recount.ts";
import type { ComponentStatus } from "./status.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BASE = Date.UTC(2026, 0, 10);
const STATUSES: (ComponentStatus | null)[] = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
  null,
];

const status = fc.constantFrom(...STATUSES);
const weight = fc.oneof(
  fc.constantFrom(0, 0.3, 0.5, 1),
  fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000),
);
/** A point in a range, as a fraction; on a whole minute half of the time, since changes inside a minute matter. */
const position = fc.record({
  fraction: fc.integer({ min: 0, max: 1_000_000 }).map((k) => k / 1_000_000),
  wholeMinute: fc.boolean(),
});
type Position = { fraction: number; wholeMinute: boolean };
function at(from: number, to: number, p: Position): number {
  const t = Math.floor(from + p.fraction * (to - from));
  return p.wholeMinute ? Math.floor(t / MINUTE) * MINUTE : t;
}

const scenario = fc
  .record({
    windowStart: fc.integer({ min: 0, max: 3 * 24 * 60 }).map((k) => BASE + k * MINUTE),
    windowMinutes: fc.oneof(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 2 * 24 * 60 })),
    // Days from the window's first day back to startsOn; around 365 puts a contract-year start near the window.
    startsDaysBefore: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.integer({ min: 362, max: 368 })),
    endsAfterDays: fc.option(fc.integer({ min: 0, max: 3 })),
    partial: weight,
    degraded: weight,
    noticeDays: fc.integer({ min: 0, max: 8 }),
    allowanceHours: fc.integer({ min: 0, max: 2 }),
    allowanceUsed: fc.option(fc.integer({ min: 0, max: 150 }), { freq: 2 }),
    monthMinutes: fc.option(fc.constantFrom(43_200, 40_320, 1_000)),
    crs: fc.array(
      fc.record({ initial: status, points: fc.array(fc.record({ at: position, status }), { maxLength: 10 }) }),
      { maxLength: 4 },
    ),
    maintenance: fc.array(
      fc.record({
        at: position,
        minutes: fc.integer({ min: 0, max: 300 }),
        extraMs: fc.integer({ min: 0, max: MINUTE }),
        ahead: fc.integer({ min: -HOUR, max: 10 * DAY }),
        crs: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((s): ContractDowntimeInput => {
    const windowDay = Math.floor(s.windowStart / DAY) * DAY;
    const startsOn = new Date(windowDay - s.startsDaysBefore * DAY);
    const terms = {
      startsOn,
      endsOn:
        s.endsAfterDays === null ? null : new Date(Math.max(startsOn.getTime(), windowDay + s.endsAfterDays * DAY)),
      partialOutageWeight: s.partial,
      degradedWeight: s.degraded,
      maintenanceNoticeDays: s.noticeDays,
      maintenanceAllowanceHours: s.allowanceHours,
    };
    const window = { from: new Date(s.windowStart), to: new Date(s.windowStart + s.windowMinutes * MINUTE) };
    // Changes and maintenance fall around the window; a prefix reaching back a year is checked with the allowance given.
    const historyStart = s.windowStart - 6 * HOUR;
    const historyEnd = window.to.getTime() + 3 * HOUR;
    const longPrefix = contractYearStart(terms, window.from).getTime() < historyStart;
    const maintenance: SlaMaintenance[] = s.maintenance.map((m, k) => {
      const from = at(historyStart, historyEnd, m.at);
      return {
        id: `m${k}`,
        from: new Date(from),
        to: new Date(from + m.minutes * MINUTE + m.extraMs),
        announcedAt: new Date(from - m.ahead),
        componentRegionIds: m.crs.map((i) => `cr${i}`),
      };
    });
    return {
      terms,
      window,
      ...(s.monthMinutes === null ? {} : { monthMinutes: s.monthMinutes }),
      componentRegions: s.crs.map((cr, i) => ({
        componentRegionId: `cr${i}`,
        initial: cr.initial,
        history: cr.points
          .map((p) => ({ at: new Date(at(historyStart, historyEnd, p.at)), status: p.status }))
          .sort((a, b) => a.at.getTime() - b.at.getTime()),
      })),
      maintenance,
      ...(s.allowanceUsed === null && !longPrefix ? {} : { allowanceUsedMinutes: s.allowanceUsed ?? 0 }),
    };
  });

describe("contractDowntime against the minute-by-minute recount", () => {
  it("gives every figure, span, row and day the recount gives", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(contractDowntime(input)).toEqual(recountContractDowntime(input));
      }),
      { numRuns: 1000 },
    );
  });

  it("charges the same minutes in a window split in two, carrying the allowance across", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 2 * 24 * 60 }), (input, cut) => {
        const whole = contractDowntime(input);
        const split = new Date(Math.min(input.window.from.getTime() + cut * MINUTE, input.window.to.getTime()));
        const first = contractDowntime({
          ...input,
          monthMinutes: undefined,
          window: { from: input.window.from, to: split },
        });
        const second = contractDowntime({
          ...input,
          monthMinutes: undefined,
          window: { from: split, to: input.window.to },
          allowanceUsedMinutes: first.allowance.usedAtEnd,
        });
        expect(first.downtimeMinutes + second.downtimeMinutes).toBeCloseTo(whole.downtimeMinutes, 9);
        expect(first.excludedMinutes + second.excludedMinutes).toBe(whole.excludedMinutes);
        expect(first.unknownMinutes + second.unknownMinutes).toBe(whole.unknownMinutes);
      }),
      { numRuns: 200 },
    );
  });
});
