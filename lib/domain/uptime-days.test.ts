import { describe, expect, it } from "vitest";
import type { DailyBar } from "./uptime.ts";
import { describeDay, formatAvailability, isNotableDay } from "./uptime-days.ts";

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
    expect(describeDay(bar({ availability: 22 / 24, worstStatus: "major_outage" }), [outage, { id: "i2", title: "Slow search" }])).toBe(
      "21 Nov 2026: 91.66% uptime · Major outage · Incidents: Checkout database failure; Slow search",
    );
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
