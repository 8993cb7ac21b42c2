// Priority of an incident: a pure function of the tier it touches, its impact
// and its breadth. The table is the product's promise to engineers and is
// printed in the README; priority.test.ts pins both together.
import type { IncidentImpact, Priority, Tier } from "../generated/prisma/enums.ts";

export type { IncidentImpact, Priority, Tier };

export const PRIORITIES: readonly Priority[] = ["P1", "P2", "P3", "P4"];
export const IMPACTS: readonly IncidentImpact[] = ["critical", "major", "minor", "none"];

/** From this many distinct regions an incident counts as broad. */
export const BROAD_INCIDENT_REGIONS = 2;

export interface PriorityRow {
  tier: Tier;
  impact: IncidentImpact;
  /** Priority when one region is affected. */
  oneRegion: Priority;
  /** Priority when BROAD_INCIDENT_REGIONS or more regions are affected. */
  severalRegions: Priority;
}

/** Tier-1 enables primary use of the platform, so it outranks tier-2 at the same impact and breadth. */
export const PRIORITY_TABLE: readonly PriorityRow[] = [
  { tier: "TIER_1", impact: "critical", oneRegion: "P1", severalRegions: "P1" },
  { tier: "TIER_1", impact: "major", oneRegion: "P2", severalRegions: "P1" },
  { tier: "TIER_1", impact: "minor", oneRegion: "P3", severalRegions: "P2" },
  { tier: "TIER_1", impact: "none", oneRegion: "P4", severalRegions: "P4" },
  { tier: "TIER_2", impact: "critical", oneRegion: "P2", severalRegions: "P2" },
  { tier: "TIER_2", impact: "major", oneRegion: "P3", severalRegions: "P2" },
  { tier: "TIER_2", impact: "minor", oneRegion: "P4", severalRegions: "P3" },
  { tier: "TIER_2", impact: "none", oneRegion: "P4", severalRegions: "P4" },
];

export interface PriorityInputs {
  /** The highest tier among the affected ComponentRegions. */
  tier: Tier;
  impact: IncidentImpact;
  /** Distinct regions affected; 0 counts as one. */
  regions: number;
}

export function incidentPriority({ tier, impact, regions }: PriorityInputs): Priority {
  const row = PRIORITY_TABLE.find((r) => r.tier === tier && r.impact === impact);
  if (!row) throw new RangeError(`No priority for ${tier} / ${impact}`);
  return regions >= BROAD_INCIDENT_REGIONS ? row.severalRegions : row.oneRegion;
}

/** TIER_1 when any affected ComponentRegion is tier 1; TIER_2 otherwise (also when none is affected). */
export function highestTier(tiers: Iterable<Tier>): Tier {
  for (const tier of tiers) if (tier === "TIER_1") return "TIER_1";
  return "TIER_2";
}

/** Negative when `a` is more urgent (P1 before P4). */
export function comparePriority(a: Priority, b: Priority): number {
  return PRIORITIES.indexOf(a) - PRIORITIES.indexOf(b);
}

export function compareTier(a: Tier, b: Tier): number {
  return (a === "TIER_1" ? 0 : 1) - (b === "TIER_1" ? 0 : 1);
}

export interface PrioritisedWork {
  tier: Tier;
  priority: Priority;
  /** Newer work sorts first among equals. */
  startedAt: Date;
}

/** The console's order everywhere: tier-1 first, then priority, then newest. */
export function compareWork(a: PrioritisedWork, b: PrioritisedWork): number {
  return (
    compareTier(a.tier, b.tier) ||
    comparePriority(a.priority, b.priority) ||
    b.startedAt.getTime() - a.startedAt.getTime()
  );
}

/** A sorted copy in the console's order. */
export function sortTierFirst<T extends PrioritisedWork>(items: readonly T[]): T[] {
  return [...items].sort(compareWork);
}
