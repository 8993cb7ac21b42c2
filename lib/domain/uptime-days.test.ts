import { describe, expect, it } from "vitest";
import type { DailyBar } from "./uptime.ts";
import { describeDay, formatAvailability, isNotableDay, stripSegments } from "./uptime-days.ts";

const bar = (overrides: Partial<DailyBar> = {}): DailyBar => ({
  day: "2026-11-21",
  availability: 1,
  worstStatus: "operational",
  unknownMs: 0,
  maintenanceMs: 0,
  downtimeMs: 0,
  ...overrides,
});
const outage = { id: "i1", title: "Checkout database failure" };

describe("formatAvailability", () => {
  it("never rounds a bad day up to 100 %", () => {
    expect(formatAvailability(null)).toBe("no data");
    expect(formatAvailability(1)).toBe("100.00%");
    expect(formatAvailability(0.99996)).toBe("100.00%");
    expect(formatAvailability(0.99994)).toBe("99.99%");
    expect(formatAvailability(22 / 24)).toBe("91.66%");
  });
});

describe("describeDay", () => {
  it("says a quiet day's uptime and that nothing happened", () => {
    expect(describeDay(bar(), [])).toBe("21 Nov 2026: 100.00% uptime · No incidents");
  });
  it("names the worst status and the incidents of a bad day", () => {
    expect(
      describeDay(bar({ availability: 22 / 24, worstStatus: "major_outage" }), [
        outage,
        { id: "i2", title: "Slow search" },
      ]),
    ).toBe("21 Nov 2026: 91.66% uptime · Major outage · Incidents: Checkout database failure; Slow search");
  });
  it("mentions maintenance and says when there was no data", () => {
    expect(describeDay(bar({ worstStatus: "under_maintenance", maintenanceMs: 7_200_000 }), [])).toBe(
      "21 Nov 2026: 100.00% uptime · Maintenance · No incidents",
    );
    expect(describeDay(bar({ availability: null, worstStatus: null }), [])).toBe("21 Nov 2026: no data");
  });
});

describe("isNotableDay", () => {
  it("lists days with trouble, maintenance or incidents, not quiet or unmeasured ones", () => {
    expect(isNotableDay(bar(), [])).toBe(false);
    expect(isNotableDay(bar({ availability: null, worstStatus: null }), [])).toBe(false);
    expect(isNotableDay(bar({ worstStatus: "degraded_performance" }), [])).toBe(true);
    expect(isNotableDay(bar({ maintenanceMs: 1 }), [])).toBe(true);
    expect(isNotableDay(bar(), [outage])).toBe(true);
  });
});

describe("stripSegments", () => {
  const days = (...specs: Partial<DailyBar>[]) =>
    specs.map((s, i) => bar({ day: `2026-11-${String(10 + i).padStart(2, "0")}`, ...s }));
  const none = () => [];

  it("gives each notable day its own tooltip and merges like quiet days into one", () => {
    const bars = days(
      {},
      {},
      {},
      { availability: 0.9, worstStatus: "major_outage" },
      { availability: null, worstStatus: null },
      { availability: null, worstStatus: null },
      {},
    );
    expect(stripSegments(bars, none)).toEqual([
      { first: 0, last: 2, notable: false, title: "10 Nov 2026 – 12 Nov 2026: 100.00% uptime each day · No incidents" },
      { first: 3, last: 3, notable: true, title: "13 Nov 2026: 90.00% uptime · Major outage · No incidents" },
      { first: 4, last: 5, notable: false, title: "14 Nov 2026 – 15 Nov 2026: no data" },
      { first: 6, last: 6, notable: false, title: "16 Nov 2026: 100.00% uptime · No incidents" },
    ]);
  });

  it("breaks a quiet run at a day with an incident, even one that cost no uptime", () => {
    const bars = days({}, {}, {});
    const segments = stripSegments(bars, (day) => (day === "2026-11-11" ? [outage] : []));
    expect(segments.map((s) => [s.first, s.last, s.notable])).toEqual([
      [0, 0, false],
      [1, 1, true],
      [2, 2, false],
    ]);
    expect(segments[1]!.title).toBe("11 Nov 2026: 100.00% uptime · Incident: Checkout database failure");
  });

  it("covers every day exactly once", () => {
    const bars = days({}, { maintenanceMs: 5 }, {}, {}, { worstStatus: null, availability: null }, {});
    const covered = stripSegments(bars, none).flatMap((s) =>
      Array.from({ length: s.last - s.first + 1 }, (_, k) => s.first + k),
    );
    expect(covered).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
