import { describe, expect, it } from "vitest";
import { closedContractMonths, isMonthClosed, monthClosesAt } from "./statement-schedule.ts";

describe("when a month closes", () => {
  it("closes closeAfterDays after the calendar month ends", () => {
    expect(monthClosesAt("2026-10", 5).toISOString()).toBe("2026-11-06T00:00:00.000Z");
    expect(monthClosesAt("2026-12", 0).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(monthClosesAt("2028-02", 1).toISOString()).toBe("2028-03-02T00:00:00.000Z");
    expect(isMonthClosed("2026-10", 5, new Date("2026-11-05T23:59:59.999Z"))).toBe(false);
    expect(isMonthClosed("2026-10", 5, new Date("2026-11-06T00:00:00.000Z"))).toBe(true);
  });

  it("lists the contract's closed months from its start, and none past its end", () => {
    const now = new Date("2026-11-10T00:00:00Z");
    expect(closedContractMonths({ startsOn: "2026-08-15", endsOn: null, closeAfterDays: 5 }, now)).toEqual([
      "2026-08",
      "2026-09",
      "2026-10",
    ]);
    expect(closedContractMonths({ startsOn: "2026-08-15", endsOn: "2026-09-30", closeAfterDays: 5 }, now)).toEqual([
      "2026-08",
      "2026-09",
    ]);
    expect(closedContractMonths({ startsOn: "2026-11-01", endsOn: null, closeAfterDays: 5 }, now)).toEqual([]);
    expect(closedContractMonths({ startsOn: "2026-10-01", endsOn: null, closeAfterDays: 15 }, now)).toEqual([]);
  });
});
