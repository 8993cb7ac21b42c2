import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BROAD_INCIDENT_REGIONS,
  comparePriority,
  compareWork,
  highestTier,
  IMPACTS,
  type IncidentImpact,
  incidentPriority,
  PRIORITY_TABLE,
  type Priority,
  sortTierFirst,
  type Tier,
} from "./priority.ts";

describe("incidentPriority", () => {
  // Every cell of the README's table, written out so that a change to the table is a deliberate one.
  it.each([
    ["TIER_1", "critical", 1, "P1"],
    ["TIER_1", "critical", 3, "P1"],
    ["TIER_1", "major", 1, "P2"],
    ["TIER_1", "major", 2, "P1"],
    ["TIER_1", "minor", 1, "P3"],
    ["TIER_1", "minor", 2, "P2"],
    ["TIER_1", "none", 1, "P4"],
    ["TIER_1", "none", 5, "P4"],
    ["TIER_2", "critical", 1, "P2"],
    ["TIER_2", "critical", 4, "P2"],
    ["TIER_2", "major", 1, "P3"],
    ["TIER_2", "major", 2, "P2"],
    ["TIER_2", "minor", 1, "P4"],
    ["TIER_2", "minor", 2, "P3"],
    ["TIER_2", "none", 1, "P4"],
    ["TIER_2", "none", 2, "P4"],
  ] as const)("%s, %s impact, %i region(s) → %s", (tier, impact, regions, expected) => {
    expect(incidentPriority({ tier, impact, regions })).toBe(expected);
  });

  it("is pinned: two regions make an incident broad", () => {
    expect(BROAD_INCIDENT_REGIONS).toBe(2);
    expect(PRIORITY_TABLE).toHaveLength(8);
  });

  it("counts no affected region as one", () => {
    expect(incidentPriority({ tier: "TIER_1", impact: "major", regions: 0 })).toBe("P2");
  });

  const tiers = fc.constantFrom<Tier>("TIER_1", "TIER_2");
  const impacts = fc.constantFrom<IncidentImpact>(...IMPACTS);
  const regions = fc.integer({ min: 0, max: 10 });
  const rank = (p: Priority) => Number(p.slice(1));
  const impactRank = (i: IncidentImpact) => IMPACTS.length - IMPACTS.indexOf(i);

  it("never ranks tier-2 work above tier-1 work of the same impact and breadth", () => {
    fc.assert(
      fc.property(impacts, regions, (impact, n) => {
        expect(rank(incidentPriority({ tier: "TIER_1", impact, regions: n }))).toBeLessThanOrEqual(
          rank(incidentPriority({ tier: "TIER_2", impact, regions: n })),
        );
      }),
    );
  });

  it("never lowers priority when the impact grows or more regions are affected", () => {
    fc.assert(
      fc.property(tiers, impacts, impacts, regions, regions, (tier, i1, i2, n1, n2) => {
        if (impactRank(i1) <= impactRank(i2) && n1 <= n2) {
          expect(rank(incidentPriority({ tier, impact: i2, regions: n2 }))).toBeLessThanOrEqual(
            rank(incidentPriority({ tier, impact: i1, regions: n1 })),
          );
        }
      }),
    );
  });

  it("is printed in the README exactly as the code applies it", () => {
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const label = (tier: Tier) => (tier === "TIER_1" ? "Tier 1" : "Tier 2");
    for (const row of PRIORITY_TABLE) {
      expect(readme).toContain(`| ${label(row.tier)} | ${row.impact} | ${row.oneRegion} | ${row.severalRegions} |`);
    }
  });
});

describe("highestTier", () => {
  it("is tier 1 as soon as one affected ComponentRegion is", () => {
    expect(highestTier(["TIER_2", "TIER_1", "TIER_2"])).toBe("TIER_1");
    expect(highestTier(["TIER_2"])).toBe("TIER_2");
    expect(highestTier([])).toBe("TIER_2");
  });
});

describe("sorting work", () => {
  const at = (iso: string) => new Date(iso);
  it("puts tier-1 work first, then priority, then the newest", () => {
    const items = [
      { id: "t2-p1", tier: "TIER_2" as const, priority: "P1" as const, startedAt: at("2026-03-01T10:00:00Z") },
      { id: "t1-p3", tier: "TIER_1" as const, priority: "P3" as const, startedAt: at("2026-03-01T10:00:00Z") },
      { id: "t1-p1-old", tier: "TIER_1" as const, priority: "P1" as const, startedAt: at("2026-03-01T09:00:00Z") },
      { id: "t1-p1-new", tier: "TIER_1" as const, priority: "P1" as const, startedAt: at("2026-03-01T11:00:00Z") },
    ];
    expect(sortTierFirst(items).map((i) => i.id)).toEqual(["t1-p1-new", "t1-p1-old", "t1-p3", "t2-p1"]);
    expect(items[0]!.id).toBe("t2-p1");
  });

  it("orders priorities P1 before P4", () => {
    expect(comparePriority("P1", "P4")).toBeLessThan(0);
    expect(comparePriority("P3", "P2")).toBeGreaterThan(0);
    expect(comparePriority("P2", "P2")).toBe(0);
    const a = { tier: "TIER_1" as const, priority: "P2" as const, startedAt: at("2026-01-01T00:00:00Z") };
    expect(compareWork(a, { ...a })).toBe(0);
  });
});
