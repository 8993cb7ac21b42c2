import { describe, expect, it } from "vitest";
import { collectTimeline, type RecordFacts } from "./postmortem-timeline.ts";

const d = (iso: string) => new Date(iso);

function facts(overrides: Partial<RecordFacts> = {}): RecordFacts {
  return {
    incident: {
      id: "inc",
      title: "Checkout down",
      source: "detected",
      review: "approved",
      status: "resolved",
      impact: "major",
      priority: "P1",
      startedAt: d("2026-03-02T10:01:00Z"),
      detectedAt: d("2026-03-02T10:03:00Z"),
      acknowledgedAt: d("2026-03-02T10:05:00Z"),
      mitigatedAt: d("2026-03-02T10:30:00Z"),
      resolvedAt: d("2026-03-02T10:45:00Z"),
      createdAt: d("2026-03-02T10:03:00Z"),
      createdBy: null,
    },
    componentRegions: [
      {
        id: "cr1",
        componentName: "Checkout",
        regionName: "Europe West",
        regionKey: "europe-west1.gcp",
        tier: "TIER_1",
      },
    ],
    firstFailures: [
      {
        componentRegionId: "cr1",
        vantage: "us-east-2.aws",
        at: d("2026-03-02T10:00:40Z"),
        outcome: "down",
        error: "timeout",
      },
      {
        componentRegionId: "cr1",
        vantage: "europe-west1.gcp",
        at: d("2026-03-02T10:00:30Z"),
        outcome: "down",
        error: null,
      },
    ],
    statusChanges: [
      { id: "s1", componentRegionId: "cr1", at: d("2026-03-02T10:01:00Z"), from: "operational", to: "major_outage" },
      { id: "s2", componentRegionId: "cr1", at: d("2026-03-02T10:44:00Z"), from: "major_outage", to: "operational" },
    ],
    approval: { at: d("2026-03-02T10:05:00Z"), by: "Alice" },
    updates: [
      { id: "u1", at: d("2026-03-02T10:05:00Z"), status: "investigating", message: "Looking.", author: "Alice" },
      { id: "u2", at: d("2026-03-02T10:45:00Z"), status: "resolved", message: "Fixed.", author: "Bob" },
    ],
    maintenance: [{ id: "m1", title: "DB upgrade", from: d("2026-03-02T09:50:00Z"), to: d("2026-03-02T10:20:00Z") }],
    ...overrides,
  };
}

describe("collectTimeline", () => {
  it("writes each fact once, in time order, with its source and a stable key", () => {
    const entries = collectTimeline(facts());
    expect(entries.map((e) => [e.at.toISOString().slice(11, 19), e.source, e.sourceKey])).toEqual([
      ["09:50:00", "system", "maintenance:m1"],
      ["10:00:30", "probe", "check:first:cr1"],
      ["10:01:00", "probe", "status:s1"],
      ["10:03:00", "system", "incident:proposed"],
      ["10:05:00", "engineer", "incident:approved"],
      ["10:05:00", "engineer", "update:u1"],
      ["10:30:00", "engineer", "incident:mitigated"],
      ["10:44:00", "probe", "status:s2"],
      ["10:45:00", "engineer", "incident:resolved"],
      ["10:45:00", "engineer", "update:u2"],
    ]);
    expect(new Set(entries.map((e) => e.sourceKey)).size).toBe(entries.length);
  });

  it("says who did what in words a reader follows", () => {
    const text = collectTimeline(facts()).map((e) => e.text);
    expect(text).toContain("First failing check on Checkout in Europe West, from europe-west1.gcp: down.");
    expect(text).toContain("Probes confirmed Checkout in Europe West: operational → major outage.");
    expect(text).toContain("Alice approved the proposal; the incident became public.");
    expect(text).toContain("Bob posted an update (Resolved): Fixed.");
    expect(text).toContain("Bob resolved the incident after 44 min.");
  });

  it("gives the same keys on a second run, so a refresh adds nothing twice", () => {
    expect(collectTimeline(facts()).map((e) => e.sourceKey)).toEqual(collectTimeline(facts()).map((e) => e.sourceKey));
  });

  it("has a declaration instead of a proposal for a manual incident, and no resolution while open", () => {
    const manual = facts({
      incident: { ...facts().incident, source: "manual", createdBy: "Carol", resolvedAt: null, mitigatedAt: null },
      approval: null,
      updates: [],
    });
    const keys = collectTimeline(manual).map((e) => e.sourceKey);
    expect(keys).toContain("incident:declared");
    expect(keys).not.toContain("incident:proposed");
    expect(keys).not.toContain("incident:resolved");
    expect(keys).not.toContain("incident:mitigated");
  });
});
