// Which subscribers hear about an event. Pure; lib/notifications/enqueue.ts
// expresses the same rule in SQL, and tests hold the two together.
import type { Tier } from "../generated/prisma/enums.ts";

export interface SubscriberScope {
  /** Everything (still narrowed by tier1Only). */
  all: boolean;
  tier1Only: boolean;
  regionIds: readonly string[];
  componentIds: readonly string[];
}

export interface AffectedComponentRegion {
  componentId: string;
  regionId: string;
  tier: Tier;
}

/** Does this scope cover one ComponentRegion? */
export function scopeCoversComponentRegion(scope: SubscriberScope, cr: AffectedComponentRegion): boolean {
  if (scope.tier1Only && cr.tier !== "TIER_1") return false;
  if (scope.all) return true;
  if (scope.regionIds.length === 0 && scope.componentIds.length === 0) return false;
  const regionOk = scope.regionIds.length === 0 || scope.regionIds.includes(cr.regionId);
  const componentOk = scope.componentIds.length === 0 || scope.componentIds.includes(cr.componentId);
  return regionOk && componentOk;
}

/**
 * A subscriber hears of an event when their scope meets at least one affected
 * ComponentRegion. An event that names none (a platform-wide notice) reaches
 * only those who chose everything.
 */
export function scopeCovers(scope: SubscriberScope, affected: readonly AffectedComponentRegion[]): boolean {
  if (affected.length === 0) return scope.all && !scope.tier1Only;
  return affected.some((cr) => scopeCoversComponentRegion(scope, cr));
}
