import { describe, expect, it } from "vitest";
import { checkIncidentTransition, type IncidentStatus, nextIncidentStatuses } from "./incident-lifecycle.ts";

describe("checkIncidentTransition", () => {
  it.each([
    ["investigating", "investigating"],
    ["investigating", "identified"],
    ["investigating", "monitoring"],
    ["investigating", "resolved"],
    ["identified", "identified"],
    ["identified", "monitoring"],
    ["identified", "resolved"],
    ["monitoring", "monitoring"],
    ["monitoring", "resolved"],
    ["monitoring", "identified"],
    ["monitoring", "investigating"],
  ] as [IncidentStatus, IncidentStatus][])("allows %s → %s", (from, to) => {
    expect(checkIncidentTransition(from, to)).toEqual({ ok: true });
  });

  it("refuses to go back from identified, and says only monitoring can be reopened", () => {
    const check = checkIncidentTransition("identified", "investigating");
    expect(check).toEqual({
      ok: false,
      reason: expect.stringContaining("only an incident being monitored can be reopened"),
    });
    expect(check.ok === false && check.reason).toContain("identified cannot go back to investigating");
  });

  it.each(["investigating", "identified", "monitoring", "resolved"] as IncidentStatus[])(
    "refuses resolved → %s",
    (to) => {
      expect(checkIncidentTransition("resolved", to)).toEqual({
        ok: false,
        reason: expect.stringContaining("already resolved"),
      });
    },
  );

  it("offers the console exactly the allowed next statuses", () => {
    expect(nextIncidentStatuses("investigating")).toEqual(["investigating", "identified", "monitoring", "resolved"]);
    expect(nextIncidentStatuses("identified")).toEqual(["identified", "monitoring", "resolved"]);
    expect(nextIncidentStatuses("monitoring")).toEqual(["investigating", "identified", "monitoring", "resolved"]);
    expect(nextIncidentStatuses("resolved")).toEqual([]);
  });
});
