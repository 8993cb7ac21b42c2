import { describe, expect, it } from "vitest";
import {
  type AffectedComponentRegion,
  followCovers,
  type ScopedEvent,
  type SubscriberScope,
  scopeCovers,
  subscriberHears,
} from "./scoping.ts";

const checkoutUs: AffectedComponentRegion = { componentId: "checkout", regionId: "us", tier: "TIER_1" };
const importEu: AffectedComponentRegion = { componentId: "import", regionId: "eu", tier: "TIER_2" };
const scope = (s: Partial<SubscriberScope>): SubscriberScope => ({
  all: false,
  tier1Only: false,
  regionIds: [],
  componentIds: [],
  ...s,
});

describe("scopeCovers", () => {
  it("reaches everyone who chose everything", () => {
    expect(scopeCovers(scope({ all: true }), [importEu])).toBe(true);
  });

  it("narrows everything to tier 1 when asked", () => {
    expect(scopeCovers(scope({ all: true, tier1Only: true }), [importEu])).toBe(false);
    expect(scopeCovers(scope({ all: true, tier1Only: true }), [importEu, checkoutUs])).toBe(true);
  });

  it("needs the region when only regions were chosen", () => {
    expect(scopeCovers(scope({ regionIds: ["us"] }), [checkoutUs])).toBe(true);
    expect(scopeCovers(scope({ regionIds: ["eu"] }), [checkoutUs])).toBe(false);
  });

  it("needs both when regions and components were chosen, on the same ComponentRegion", () => {
    const s = scope({ regionIds: ["eu"], componentIds: ["checkout"] });
    expect(scopeCovers(s, [checkoutUs, importEu])).toBe(false);
    expect(scopeCovers(s, [{ ...checkoutUs, regionId: "eu" }])).toBe(true);
  });

  it("covers nothing with an empty narrow scope, and platform-wide notices reach only 'everything'", () => {
    expect(scopeCovers(scope({}), [checkoutUs])).toBe(false);
    expect(scopeCovers(scope({ all: true }), [])).toBe(true);
    expect(scopeCovers(scope({ regionIds: ["us"] }), [])).toBe(false);
  });
});

describe("followCovers", () => {
  const event = (e: Partial<ScopedEvent>): ScopedEvent => ({
    kind: "incident_updated",
    incidentId: "i1",
    incidentResolved: false,
    affected: [checkoutUs],
    ...e,
  });

  it("delivers the followed incident's updates while it is open, and nothing about other incidents", () => {
    expect(followCovers(["i1"], event({}))).toBe(true);
    expect(followCovers(["i1"], event({ incidentId: "i2" }))).toBe(false);
    expect(followCovers(["i1"], event({ incidentId: null, kind: "maintenance_started" }))).toBe(false);
  });

  it("delivers the resolution, then nothing more: no later update, no postmortem", () => {
    expect(followCovers(["i1"], event({ kind: "incident_resolved", incidentResolved: true }))).toBe(true);
    expect(followCovers(["i1"], event({ incidentResolved: true }))).toBe(false);
    expect(followCovers(["i1"], event({ kind: "postmortem_published", incidentResolved: true }))).toBe(false);
  });

  it("adds to a scope, never narrows it", () => {
    const follower = { scope: scope({}), followedIncidentIds: ["i1"] };
    expect(subscriberHears(follower, event({ incidentId: "i2" }))).toBe(false);
    expect(subscriberHears({ ...follower, scope: scope({ all: true }) }, event({ incidentResolved: true }))).toBe(true);
  });
});
