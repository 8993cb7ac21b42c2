import { describe, expect, it } from "vitest";
import {
  allRecovered,
  COVERED_BY_INCIDENT,
  componentRegionEvidence,
  type DetectionContext,
  MAX_SAMPLE_ERRORS,
  type Outage,
  planProposals,
  proposalTitle,
  proposalWithdrawal,
  RECOVERED_BEFORE_APPROVAL,
  sampleErrors,
  suggestedImpact,
} from "./detection.ts";

const T = new Date("2026-05-01T10:00:00Z");
const later = (ms: number) => new Date(T.getTime() + ms);

function outage(componentRegionId: string, overrides: Partial<Outage> = {}): Outage {
  return { componentRegionId, componentId: "checkout", tier: "TIER_1", status: "major_outage", since: T, ...overrides };
}
function context(overrides: Partial<DetectionContext> = {}): DetectionContext {
  return {
    tier2: false,
    inMaintenance: new Set(),
    coveredByIncident: new Set(),
    lastHandledAt: new Map(),
    openProposals: [],
    ...overrides,
  };
}

describe("planProposals", () => {
  it("makes one proposal of several failing regions of one component, and one per component", () => {
    const plans = planProposals(
      [outage("checkout/eu"), outage("checkout/us"), outage("search/eu", { componentId: "search" })],
      context(),
    );
    expect(plans).toEqual([
      { componentId: "checkout", incidentId: null, outages: [outage("checkout/eu"), outage("checkout/us")] },
      { componentId: "search", incidentId: null, outages: [outage("search/eu", { componentId: "search" })] },
    ]);
  });

  it("joins the open proposal of the same component", () => {
    const plans = planProposals(
      [outage("checkout/us")],
      context({
        openProposals: [{ incidentId: "p1", componentIds: ["checkout"], componentRegionIds: ["checkout/eu"] }],
      }),
    );
    expect(plans).toEqual([{ componentId: "checkout", incidentId: "p1", outages: [outage("checkout/us")] }]);
  });

  it("skips degradation, maintenance, ComponentRegions an open incident covers, and tier 2 unless asked", () => {
    const outages = [
      outage("a", { status: "degraded_performance" }),
      outage("b"),
      outage("c"),
      outage("d", { tier: "TIER_2", componentId: "studio" }),
    ];
    const ctx = context({ inMaintenance: new Set(["b"]), coveredByIncident: new Set(["c"]) });
    expect(planProposals(outages, ctx)).toEqual([]);
    expect(planProposals(outages, { ...ctx, tier2: true }).map((p) => p.componentId)).toEqual(["studio"]);
  });

  it("does not propose an outage an engineer has already seen, only one that began after", () => {
    const seen = context({ lastHandledAt: new Map([["a", later(60_000)]]) });
    expect(planProposals([outage("a")], seen)).toEqual([]);
    expect(planProposals([outage("a", { since: later(120_000) })], seen)).toHaveLength(1);
  });

  it("keeps following a ComponentRegion already in an open proposal", () => {
    const ctx = context({
      lastHandledAt: new Map([["a", later(60_000)]]),
      openProposals: [{ incidentId: "p1", componentIds: ["checkout"], componentRegionIds: ["a"] }],
    });
    expect(planProposals([outage("a", { status: "partial_outage" })], ctx)).toEqual([
      { componentId: "checkout", incidentId: "p1", outages: [outage("a", { status: "partial_outage" })] },
    ]);
  });
});

describe("suggestedImpact", () => {
  it.each([
    [["major_outage", "major_outage"], "critical"],
    [["major_outage", "partial_outage"], "major"],
    [["major_outage"], "major"],
    [["partial_outage", "partial_outage", "partial_outage"], "minor"],
    [["operational"], "none"],
  ] as const)("%j → %s", (statuses, impact) => {
    expect(suggestedImpact(statuses)).toBe(impact);
  });
});

describe("proposalTitle", () => {
  it("names the region when there is one, counts them otherwise", () => {
    expect(proposalTitle("Checkout", [{ regionName: "Iowa", status: "major_outage" }])).toBe(
      "Checkout: major outage in Iowa",
    );
    expect(
      proposalTitle("Search", [
        { regionName: "Iowa", status: "partial_outage" },
        { regionName: "Ohio", status: "partial_outage" },
      ]),
    ).toBe("Search: partial outage in 2 regions");
  });
});

describe("allRecovered", () => {
  it("needs every ComponentRegion confirmed operational, not merely unknown", () => {
    expect(allRecovered(["operational", "operational"])).toBe(true);
    expect(allRecovered(["operational", null])).toBe(false);
    expect(allRecovered(["operational", "partial_outage"])).toBe(false);
    expect(allRecovered([])).toBe(false);
  });
});

describe("proposalWithdrawal", () => {
  it("withdraws a proposal once everything recovered, or once open incidents cover all of it", () => {
    expect(proposalWithdrawal([{ probeStatus: "operational", coveredByIncident: false }])).toBe(
      RECOVERED_BEFORE_APPROVAL,
    );
    expect(proposalWithdrawal([{ probeStatus: "major_outage", coveredByIncident: true }])).toBe(COVERED_BY_INCIDENT);
    expect(
      proposalWithdrawal([
        { probeStatus: "major_outage", coveredByIncident: true },
        { probeStatus: "major_outage", coveredByIncident: false },
      ]),
    ).toBeNull();
  });
});

describe("evidence", () => {
  const cr = {
    componentRegionId: "cr1",
    componentKey: "checkout",
    regionKey: "us.gcp",
    status: "major_outage" as const,
    since: T,
  };

  it("reads the failing vantages and verdicts the evaluator stored on the StatusChange", () => {
    const change = {
      at: later(-30_000),
      evidence: {
        verdicts: ["down", "down", "down"],
        failing: [{ vantage: "eu.gcp", outcome: "down", error: "timeout", checkedAt: "2026-05-01T09:59:42.000Z" }],
      },
    };
    expect(componentRegionEvidence(cr, change)).toEqual({
      ...{ componentRegionId: "cr1", componentKey: "checkout", regionKey: "us.gcp", status: "major_outage" },
      since: later(-30_000).toISOString(),
      failingVantages: [
        { vantage: "eu.gcp", outcome: "down", error: "timeout", checkedAt: "2026-05-01T09:59:42.000Z" },
      ],
      verdicts: ["down", "down", "down"],
    });
  });

  it("says what it knows when no StatusChange is stored", () => {
    expect(componentRegionEvidence(cr, null)).toMatchObject({
      since: T.toISOString(),
      failingVantages: [],
      verdicts: [],
    });
  });

  it("samples distinct errors, a handful at most", () => {
    const entry = (errors: (string | null)[]) => ({
      ...componentRegionEvidence(cr, null),
      failingVantages: errors.map((error) => ({ vantage: "v", outcome: "down", error, checkedAt: "" })),
    });
    expect(sampleErrors([entry(["a", null, "b"]), entry(["a", "c"])])).toEqual(["a", "b", "c"]);
    expect(sampleErrors([entry(["1", "2", "3", "4", "5", "6", "7"])])).toHaveLength(MAX_SAMPLE_ERRORS);
  });
});
