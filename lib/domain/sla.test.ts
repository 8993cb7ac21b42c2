import { describe, expect, it } from "vitest";
import {
  COUNTED_MAINTENANCE_WEIGHT,
  type ContractDowntime,
  type CoveredComponentRegion,
  chargedMinutesWithin,
  contractDowntime,
  contractTerm,
  contractYearStart,
  DEFAULT_MAINTENANCE_ALLOWANCE_HOURS,
  DEFAULT_MAINTENANCE_NOTICE_DAYS,
  FIXED_MONTH_MINUTES,
  MAJOR_OUTAGE_WEIGHT,
  type MonthRule,
  measurementMonth,
  SLA_DECIMALS,
  type SlaMaintenance,
  SlaInputError,
  type SlaTerms,
} from "./sla.ts";
import { recountContractDowntime } from "./sla-minute-recount.ts";
import type { ComponentStatus } from "./status.ts";

const at = (iso: string) => new Date(iso);

const TERMS: SlaTerms = {
  startsOn: at("2025-01-01"),
  endsOn: null,
  partialOutageWeight: 0.5,
  degradedWeight: 0,
  maintenanceNoticeDays: 7,
  maintenanceAllowanceHours: 24,
};

/** A ComponentRegion operational from before the month, then the given changes. */
function cr(id: string, ...changes: [string, ComponentStatus | null][]): CoveredComponentRegion {
  return {
    componentRegionId: id,
    initial: "operational",
    history: changes.map(([iso, status]) => ({ at: at(iso), status })),
  };
}

interface Month {
  month: string;
  rule?: MonthRule;
  terms?: Partial<SlaTerms>;
  crs: CoveredComponentRegion[];
  maintenance?: SlaMaintenance[];
  allowanceUsedMinutes?: number;
}

/** The statement month, checked against the minute recount too, so every oracle row tests both. */
function statement(m: Month): ContractDowntime {
  const { window, monthMinutes } = measurementMonth(m.month, m.rule ?? "calendar");
  const input = {
    terms: { ...TERMS, ...m.terms },
    window,
    monthMinutes,
    componentRegions: m.crs,
    maintenance: m.maintenance ?? [],
    ...(m.allowanceUsedMinutes === undefined ? {} : { allowanceUsedMinutes: m.allowanceUsedMinutes }),
  };
  const result = contractDowntime(input);
  expect(result).toEqual(recountContractDowntime(input));
  return result;
}

function maintenance(id: string, from: string, to: string, announcedAt: string, ids = ["a"]): SlaMaintenance {
  return { id, from: at(from), to: at(to), announcedAt: at(announcedAt), componentRegionIds: ids };
}

describe("the pinned numbers", () => {
  it("keeps the month, weights and contract defaults as the README states them", () => {
    expect(FIXED_MONTH_MINUTES).toBe(43_200);
    expect(MAJOR_OUTAGE_WEIGHT).toBe(1);
    expect(COUNTED_MAINTENANCE_WEIGHT).toBe(1);
    expect(DEFAULT_MAINTENANCE_NOTICE_DAYS).toBe(7);
    expect(DEFAULT_MAINTENANCE_ALLOWANCE_HOURS).toBe(24);
    expect(SLA_DECIMALS).toBe(3);
  });
});

describe("measurementMonth", () => {
  it.each([
    ["2026-02", 40_320],
    ["2028-02", 41_760],
    ["2026-04", 43_200],
    ["2026-05", 44_640],
  ])("%s has %i calendar minutes and 43,200 under the 30-day rule", (month, minutes) => {
    const calendar = measurementMonth(month, "calendar");
    const fixed = measurementMonth(month, "fixed_30_days");
    expect(calendar.monthMinutes).toBe(minutes);
    expect(fixed.monthMinutes).toBe(43_200);
    // Both rules count over the same calendar month.
    expect(fixed.window).toEqual(calendar.window);
    expect((calendar.window.to.getTime() - calendar.window.from.getTime()) / 60_000).toBe(minutes);
  });

  it.each(["2026-13", "2026-00", "2026-1", "26-01", "", "2026-01-01"])(
    "refuses %j, naming the month field",
    (month) => {
      expect(() => measurementMonth(month, "calendar")).toThrow(SlaInputError);
      try {
        measurementMonth(month, "calendar");
      } catch (error) {
        expect((error as SlaInputError).field).toBe("month");
        expect((error as SlaInputError).message).toContain("YYYY-MM");
      }
    },
  );
});

describe("the contract's term and years", () => {
  it("covers startsOn from 00:00 UTC through the whole of endsOn", () => {
    expect(contractTerm({ startsOn: at("2026-03-16T15:00:00Z"), endsOn: at("2026-03-20") })).toEqual({
      from: Date.parse("2026-03-16T00:00:00Z"),
      to: Date.parse("2026-03-21T00:00:00Z"),
    });
  });

  it("starts contract years on the anniversaries of startsOn, 29 February on 1 March in other years", () => {
    const terms = { startsOn: at("2028-02-29") };
    expect(contractYearStart(terms, at("2028-06-01"))).toEqual(at("2028-02-29"));
    expect(contractYearStart(terms, at("2029-02-28T23:59:00Z"))).toEqual(at("2028-02-29"));
    expect(contractYearStart(terms, at("2029-03-01"))).toEqual(at("2029-03-01"));
    expect(contractYearStart(terms, at("2032-02-29T00:01:00Z"))).toEqual(at("2032-02-29"));
    expect(contractYearStart(terms, at("2027-01-01"))).toEqual(at("2028-02-29"));
  });
});

describe("hand-computed months", () => {
  it("splits an outage across a month end between the two months", () => {
    const a = cr("a", ["2026-03-31T23:00:00Z", "major_outage"], ["2026-04-01T01:30:00Z", "operational"]);
    const march = statement({ month: "2026-03", crs: [a] });
    const april = statement({ month: "2026-04", crs: [a] });
    expect([march.downtimeMinutes, march.measuredMinutes, march.availability]).toEqual([60, 44_640, 1 - 60 / 44_640]);
    expect([april.downtimeMinutes, april.measuredMinutes, april.availability]).toEqual([90, 43_200, 1 - 90 / 43_200]);
    expect(march.charged).toEqual([
      { from: at("2026-03-31T23:00:00Z"), to: at("2026-04-01T00:00:00Z"), minutes: 60, weight: 1 },
    ]);
  });

  it.each([
    ["2026-02", "calendar", 40_320, 1 - 432 / 40_320],
    ["2026-02", "fixed_30_days", 43_200, 0.99],
    ["2028-02", "calendar", 41_760, 1 - 432 / 41_760],
    ["2028-02", "fixed_30_days", 43_200, 0.99],
    ["2026-04", "calendar", 43_200, 0.99],
    ["2026-04", "fixed_30_days", 43_200, 0.99],
    ["2026-05", "calendar", 44_640, 1 - 432 / 44_640],
    ["2026-05", "fixed_30_days", 43_200, 0.99],
  ] as const)("%s under %s: 432 down minutes over %i", (month, rule, denominator, availability) => {
    const a = cr("a", [`${month}-10T00:00:00Z`, "major_outage"], [`${month}-10T07:12:00Z`, "operational"]);
    const result = statement({ month, rule, crs: [a] });
    expect(result.downtimeMinutes).toBe(432);
    expect(result.measuredMinutes).toBe(denominator);
    expect(result.availability).toBeCloseTo(availability, 12);
  });

  it("weighs partial and degraded minutes as the contract says", () => {
    const a = cr(
      "a",
      ["2026-06-03T10:00:00Z", "partial_outage"],
      ["2026-06-03T11:40:00Z", "degraded_performance"],
      ["2026-06-03T12:20:00Z", "operational"],
    );
    const result = statement({ month: "2026-06", terms: { partialOutageWeight: 0.5, degradedWeight: 0.25 }, crs: [a] });
    // 100 partial minutes × 0.5 + 40 degraded minutes × 0.25
    expect(result.downtimeMinutes).toBe(60);
    expect(result.componentRegions[0]!.minutes).toMatchObject({
      partial_outage: 100,
      degraded_performance: 40,
      operational: 43_200 - 140,
    });
    expect(result.charged.map((c) => [c.minutes, c.weight])).toEqual([
      [100, 0.5],
      [40, 0.25],
    ]);
  });

  it("takes the worst covered ComponentRegion each minute, never the sum", () => {
    const a = cr("a", ["2026-06-03T10:00:00Z", "major_outage"], ["2026-06-03T11:00:00Z", "operational"]);
    const b = cr("b", ["2026-06-03T10:30:00Z", "major_outage"], ["2026-06-03T11:30:00Z", "operational"]);
    expect(statement({ month: "2026-06", crs: [a, b] }).downtimeMinutes).toBe(90);
    const bPartial = cr("b", ["2026-06-03T10:30:00Z", "partial_outage"], ["2026-06-03T11:30:00Z", "operational"]);
    // 10:00–11:00 major (1), 11:00–11:30 partial (0.5); 10:30–11:00 counts once, at the larger weight.
    expect(statement({ month: "2026-06", crs: [a, bPartial] }).downtimeMinutes).toBe(75);
  });

  it("counts a change at a second inside a minute as the whole minute, at the worse status", () => {
    const month = (changes: [string, ComponentStatus | null][]) =>
      statement({ month: "2026-06", crs: [cr("a", ...changes)] }).downtimeMinutes;
    expect(
      month([
        ["2026-06-03T12:00:30Z", "major_outage"],
        ["2026-06-03T12:05:10Z", "operational"],
      ]),
    ).toBe(6);
    expect(
      month([
        ["2026-06-03T12:00:30Z", "major_outage"],
        ["2026-06-03T12:05:00Z", "operational"],
      ]),
    ).toBe(5);
    expect(
      month([
        ["2026-06-03T12:00:10Z", "major_outage"],
        ["2026-06-03T12:00:20Z", "operational"],
      ]),
    ).toBe(1);
    expect(
      month([
        ["2026-06-03T12:00:10Z", "major_outage"],
        ["2026-06-03T12:00:20Z", "partial_outage"],
        ["2026-06-03T12:01:00Z", "operational"],
      ]),
    ).toBe(1);
    // A status replaced at the same instant was never held.
    expect(
      month([
        ["2026-06-03T12:00:30Z", "major_outage"],
        ["2026-06-03T12:00:30Z", "operational"],
      ]),
    ).toBe(0);
    expect(
      month([
        ["2026-06-03T12:00:00Z", "major_outage"],
        ["2026-06-03T12:00:00Z", "operational"],
      ]),
    ).toBe(0);
  });

  it("excludes maintenance announced exactly 7 days ahead, and counts it when announced 6 days ahead", () => {
    // The ComponentRegion is down during the work; announced in time, that costs nothing.
    const a = cr("a", ["2026-05-10T02:00:00Z", "major_outage"], ["2026-05-10T04:00:00Z", "operational"]);
    const inTime = statement({
      month: "2026-05",
      crs: [a],
      maintenance: [maintenance("m", "2026-05-10T02:00:00Z", "2026-05-10T04:00:00Z", "2026-05-03T02:00:00Z")],
    });
    expect([inTime.downtimeMinutes, inTime.excludedMinutes, inTime.measuredMinutes, inTime.availability]).toEqual([
      0, 120, 44_520, 1,
    ]);
    expect(inTime.maintenance).toEqual([
      {
        id: "m",
        qualifying: true,
        daysAhead: 7,
        excludedMinutes: 120,
        countedMinutes: 0,
        reason: "announced 7 days ahead",
      },
    ]);
    expect(inTime.componentRegions[0]!.minutes.maintenance_excluded).toBe(120);

    const late = statement({
      month: "2026-05",
      crs: [a],
      maintenance: [maintenance("m", "2026-05-10T02:00:00Z", "2026-05-10T04:00:00Z", "2026-05-03T02:00:01Z")],
    });
    expect([late.downtimeMinutes, late.excludedMinutes, late.measuredMinutes]).toEqual([120, 0, 44_640]);
    expect(late.maintenance).toEqual([
      {
        id: "m",
        qualifying: false,
        daysAhead: 6,
        excludedMinutes: 0,
        countedMinutes: 120,
        reason: "announced 6 days ahead; 7 required",
      },
    ]);
    expect(late.componentRegions[0]!.minutes.maintenance_counted).toBe(120);
  });

  it("counts maintenance past the yearly allowance as downtime, from the minute the allowance runs out", () => {
    const a = cr("a");
    const window = maintenance("m", "2026-05-10T02:00:00Z", "2026-05-10T04:00:00Z", "2026-04-30T00:00:00Z");
    const result = statement({
      month: "2026-05",
      terms: { maintenanceAllowanceHours: 1 },
      crs: [a],
      maintenance: [window],
      allowanceUsedMinutes: 20,
    });
    expect([result.excludedMinutes, result.downtimeMinutes, result.measuredMinutes]).toEqual([40, 80, 44_600]);
    expect(result.charged).toEqual([
      { from: at("2026-05-10T02:40:00Z"), to: at("2026-05-10T04:00:00Z"), minutes: 80, weight: 1 },
    ]);
    expect(result.maintenance[0]).toMatchObject({
      excludedMinutes: 40,
      countedMinutes: 80,
      reason: "announced 10 days ahead; allowance used up",
    });
    expect(result.allowance).toEqual({ minutesPerYear: 60, usedBeforeWindow: 20, usedAtEnd: 60 });
    expect(result.componentRegions[0]!.minutes).toMatchObject({ maintenance_excluded: 40, maintenance_counted: 80 });
  });

  it("carries the allowance used up exactly at a month's end into the next month", () => {
    const window = maintenance("m", "2026-05-31T23:00:00Z", "2026-06-01T01:00:00Z", "2026-05-21T00:00:00Z");
    const may = statement({
      month: "2026-05",
      terms: { maintenanceAllowanceHours: 1 },
      crs: [cr("a")],
      maintenance: [window],
      allowanceUsedMinutes: 0,
    });
    expect(may.maintenance).toEqual([
      {
        id: "m",
        qualifying: true,
        daysAhead: 10,
        excludedMinutes: 60,
        countedMinutes: 0,
        reason: "announced 10 days ahead",
      },
    ]);
    expect(may.allowance.usedAtEnd).toBe(60);
    const june = statement({
      month: "2026-06",
      terms: { maintenanceAllowanceHours: 1 },
      crs: [cr("a")],
      maintenance: [window],
      allowanceUsedMinutes: may.allowance.usedAtEnd,
    });
    expect([june.excludedMinutes, june.downtimeMinutes]).toEqual([0, 60]);
    expect(june.maintenance[0]).toMatchObject({
      excludedMinutes: 0,
      countedMinutes: 60,
      reason: "announced 10 days ahead; allowance used up",
    });
  });

  it("finds the allowance used earlier in the contract year itself when not given, and renews it each contract year", () => {
    const terms = { startsOn: at("2025-05-20"), maintenanceAllowanceHours: 1 };
    const earlier = maintenance("feb", "2026-02-01T00:00:00Z", "2026-02-01T00:20:00Z", "2026-01-01T00:00:00Z");
    const may = maintenance("m", "2026-05-10T02:00:00Z", "2026-05-10T04:00:00Z", "2026-04-30T00:00:00Z");
    const counted = statement({ month: "2026-05", terms, crs: [cr("a")], maintenance: [earlier, may] });
    expect([counted.excludedMinutes, counted.downtimeMinutes, counted.allowance.usedBeforeWindow]).toEqual([
      40, 80, 20,
    ]);

    // The contract year starting on 20 May brings a whole hour again.
    const after = maintenance("n", "2026-05-21T00:00:00Z", "2026-05-21T01:00:00Z", "2026-05-01T00:00:00Z");
    const renewed = statement({ month: "2026-05", terms, crs: [cr("a")], maintenance: [earlier, may, after] });
    expect([renewed.excludedMinutes, renewed.downtimeMinutes, renewed.allowance.usedAtEnd]).toEqual([100, 80, 60]);
  });

  it("leaves minutes without data out of the denominator and lists them, unless another part was down", () => {
    const a = cr("a", ["2026-06-03T10:30:00Z", "major_outage"], ["2026-06-03T11:00:00Z", "operational"]);
    const b = cr("b", ["2026-06-03T10:00:00Z", null], ["2026-06-03T12:00:00Z", "operational"]);
    const result = statement({ month: "2026-06", crs: [a, b] });
    expect([result.unknownMinutes, result.downtimeMinutes, result.measuredMinutes]).toEqual([90, 30, 43_200 - 90]);
    expect(result.unknownSpans).toEqual([
      { from: at("2026-06-03T10:00:00Z"), to: at("2026-06-03T10:30:00Z"), minutes: 30 },
      { from: at("2026-06-03T11:00:00Z"), to: at("2026-06-03T12:00:00Z"), minutes: 60 },
    ]);
    expect(result.componentRegions[1]!.minutes.unknown).toBe(120);
    // No history at all before the third: those minutes are unknown too.
    const silent = statement({
      month: "2026-06",
      crs: [
        { componentRegionId: "c", initial: null, history: [{ at: at("2026-06-03T00:00:00Z"), status: "operational" }] },
      ],
    });
    expect([silent.unknownMinutes, silent.availability]).toEqual([2 * 1440, 1]);
  });

  it("counts a contract that starts mid-month from its first day only", () => {
    const a = cr(
      "a",
      ["2026-03-10T00:00:00Z", "major_outage"],
      ["2026-03-10T01:00:00Z", "operational"],
      ["2026-03-20T00:00:00Z", "major_outage"],
      ["2026-03-20T01:00:00Z", "operational"],
    );
    const result = statement({ month: "2026-03", terms: { startsOn: at("2026-03-16") }, crs: [a] });
    expect([result.outsideTermMinutes, result.downtimeMinutes, result.measuredMinutes]).toEqual([
      15 * 1440,
      60,
      16 * 1440,
    ]);
    expect(result.availability).toBe(1 - 60 / (16 * 1440));
    expect(result.daily[14]).toMatchObject({ day: "2026-03-15", outsideTermMinutes: 1440, availability: null });
    expect(result.daily[19]).toMatchObject({ day: "2026-03-20", downtimeMinutes: 60, availability: 1 - 60 / 1440 });
    expect(result.componentRegions[0]!.availability).toBe(result.availability);
  });
});

describe("chargedMinutesWithin", () => {
  const a = cr(
    "a",
    ["2026-03-31T23:00:00Z", "major_outage"],
    ["2026-04-01T01:30:00Z", "partial_outage"],
    ["2026-04-01T02:30:00Z", "operational"],
  );

  it("charges an incident the weighted minutes of each month it touched, widened to whole minutes", () => {
    const march = statement({ month: "2026-03", crs: [a] });
    const april = statement({ month: "2026-04", crs: [a] });
    const [from, to] = [at("2026-03-31T23:30:30Z"), at("2026-04-01T02:00:00Z")];
    expect(chargedMinutesWithin(march, from, to)).toBe(30);
    // 90 major minutes and 30 partial ones at 0.5.
    expect(chargedMinutesWithin(april, from, to)).toBe(105);
    expect(chargedMinutesWithin(april, at("2026-04-01T05:00:00Z"), at("2026-04-01T06:00:00Z"))).toBe(0);
  });
});
