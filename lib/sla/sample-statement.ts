// A small, realistic statement for renderer tests and the PDF benchmark:
// two component-regions, one outage with its incident, one maintenance window
// counted for late notice, and a data gap.
import type { Statement } from "./types.ts";

export function sampleStatement(overrides: { componentRegions?: number; incidents?: number } = {}): Statement {
  const crCount = overrides.componentRegions ?? 2;
  const incidentCount = overrides.incidents ?? 1;
  const daily = Array.from({ length: 31 }, (_, i) => ({
    day: `2026-10-${String(i + 1).padStart(2, "0")}`,
    availabilityPercent: i === 9 ? 97.916 : i === 14 ? null : 100,
    downtimeMinutes: i === 9 ? 30 : 0,
    excludedMinutes: 0,
    unknownMinutes: i === 14 ? 1440 : 0,
  }));
  return {
    header: {
      customer: { id: "cust1", key: "northwind-retail", name: "Northwind Retail" },
      contract: {
        id: "contract1",
        name: "Enterprise 2026",
        startsOn: "2026-01-01",
        endsOn: null,
        coverage: "all_components",
        partialOutageWeight: 0.5,
        degradedWeight: 0,
        maintenanceNoticeDays: 7,
        maintenanceAllowanceHours: 24,
        closeAfterDays: 5,
        creditTiers: [
          { belowPercent: 99.95, creditPercent: 10 },
          { belowPercent: 99, creditPercent: 25 },
        ],
        monthlyFee: 1000,
        currency: "EUR",
      },
      month: "2026-10",
      monthRule: "calendar",
      window: { from: "2026-10-01T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z" },
      monthMinutes: 44_640,
      targetPercent: 99.95,
      state: "issued",
      revision: 1,
      issuedAt: "2026-11-06T00:00:00.000Z",
      closesAt: "2026-11-06T00:00:00.000Z",
      computedAt: "2026-11-06T00:00:00.000Z",
    },
    figures: {
      availabilityPercent: 99.932,
      downtimeMinutes: 30,
      allowedDowntimeMinutes: 22.32,
      errorBudgetUsedPercent: 134.41,
      met: false,
      creditPercent: 10,
      creditAmount: 100,
      monthlyFee: 1000,
      currency: "EUR",
      monthMinutes: 44_640,
      excludedMinutes: 0,
      unknownMinutes: 0,
      measuredMinutes: 44_640,
    },
    componentRegions: Array.from({ length: crCount }, (_, i) => ({
      componentRegionId: `cr${i}`,
      componentKey: i === 0 ? "checkout" : `component-${i}`,
      componentName: i === 0 ? "Checkout" : `Component ${i}`,
      tier: i === 0 ? ("TIER_1" as const) : ("TIER_2" as const),
      productKey: "checkout",
      productName: "Checkout",
      regionKey: "europe-west1.gcp",
      regionName: "Europe West 1 (GCP)",
      availabilityPercent: i === 0 ? 99.932 : 100,
      minutesByStatus: {
        operational: i === 0 ? 44_610 : 44_640,
        degraded_performance: 0,
        partial_outage: 0,
        major_outage: i === 0 ? 30 : 0,
      },
      downtimeMinutes: i === 0 ? 30 : 0,
      excludedMaintenanceMinutes: 0,
      countedMaintenanceMinutes: 0,
      unknownMinutes: 0,
    })),
    incidents: Array.from({ length: incidentCount }, (_, i) => ({
      id: `inc${i}`,
      title: i === 0 ? "Checkout returns errors" : `Incident number ${i}`,
      priority: "P2" as const,
      impact: "major",
      startedAt: "2026-10-10T10:00:00.000Z",
      resolvedAt: "2026-10-10T10:30:00.000Z",
      durationMinutes: 30,
      chargedMinutes: i === 0 ? 30 : 0,
      url: `/incidents/inc${i}`,
      postmortemUrl: i === 0 ? `/incidents/inc${i}#postmortem` : null,
      componentRegions: ["Checkout · europe-west1.gcp"],
    })),
    maintenance: [
      {
        id: "m1",
        title: "Database upgrade",
        announcedAt: "2026-10-17T09:00:00.000Z",
        from: "2026-10-20T01:00:00.000Z",
        to: "2026-10-20T02:00:00.000Z",
        minutes: 60,
        excludedMinutes: 0,
        countedMinutes: 60,
        decision: "counted",
        reason: "announced 3 days ahead; the contract needs 7",
        componentRegions: ["Checkout · europe-west1.gcp"],
      },
    ],
    dataGaps: [
      {
        from: "2026-10-15T00:00:00.000Z",
        to: "2026-10-16T00:00:00.000Z",
        minutes: 1440,
        componentRegions: ["Checkout · europe-west1.gcp"],
      },
    ],
    daily,
    restatement: null,
  };
}
