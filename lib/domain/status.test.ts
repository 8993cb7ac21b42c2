import { describe, expect, it } from "vitest";
import { effectiveStatus, overallStatus, STATUS_SEVERITY, worstStatus } from "./status.ts";

describe("effectiveStatus", () => {
  it("has no status without evidence", () => {
    expect(effectiveStatus({ inMaintenance: false, incidentStatuses: [], probeStatus: null })).toBeNull();
  });

  it("takes the probes' confirmed status when nothing overrides it", () => {
    expect(effectiveStatus({ inMaintenance: false, incidentStatuses: [], probeStatus: "partial_outage" })).toBe(
      "partial_outage",
    );
  });

  it("lets an open incident override the probes, worst incident first", () => {
    expect(
      effectiveStatus({
        inMaintenance: false,
        incidentStatuses: ["degraded_performance", "major_outage"],
        probeStatus: "operational",
      }),
    ).toBe("major_outage");
    // An operator may also declare recovery ahead of the probes.
    expect(
      effectiveStatus({ inMaintenance: false, incidentStatuses: ["operational"], probeStatus: "major_outage" }),
    ).toBe("operational");
  });

  it("puts maintenance over everything", () => {
    expect(
      effectiveStatus({ inMaintenance: true, incidentStatuses: ["major_outage"], probeStatus: "major_outage" }),
    ).toBe("under_maintenance");
  });
});

describe("worstStatus", () => {
  it("ranks outages over degradation over maintenance over operational", () => {
    expect(
      Object.entries(STATUS_SEVERITY)
        .sort((a, b) => a[1] - b[1])
        .map(([s]) => s),
    ).toEqual(["operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage"]);
    expect(worstStatus(["operational", "partial_outage", "degraded_performance"])).toBe("partial_outage");
    expect(worstStatus([])).toBeNull();
  });
});

describe("overallStatus", () => {
  it("never says operational without evidence", () => {
    expect(overallStatus([null, null])).toMatchObject({
      indicator: "none",
      description: "Awaiting probe data",
      unknown: 2,
    });
    expect(overallStatus(["operational", null]).description).toBe("All Measured Systems Operational");
  });

  it("uses Statuspage's indicator and words", () => {
    expect(overallStatus(["operational", "operational"])).toMatchObject({
      indicator: "none",
      description: "All Systems Operational",
    });
    expect(overallStatus(["operational", "degraded_performance"])).toMatchObject({ indicator: "minor" });
    expect(overallStatus(["partial_outage", "degraded_performance"])).toMatchObject({
      indicator: "major",
      description: "Partial System Outage",
    });
    expect(overallStatus(["major_outage", "under_maintenance"])).toMatchObject({
      indicator: "critical",
      description: "Major System Outage",
    });
    expect(overallStatus(["operational", "under_maintenance"])).toMatchObject({
      indicator: "maintenance",
      description: "Service Under Maintenance",
    });
  });
});
