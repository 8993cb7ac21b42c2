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

/** What the outbox knows of an event when it picks who hears of it. */
export interface ScopedEvent {
  kind: string;
  /** The incident it is about (incident and postmortem events), else null. */
  incidentId: string | null;
  /** Whether that incident is resolved as the event is written (its own resolution included). */
  incidentResolved: boolean;
  affected: readonly AffectedComponentRegion[];
}

/**
 * "Get updates on this incident": a followed incident's events reach its
 * follower while it is open, and its resolution is the last one they get —
 * no later update or postmortem, whatever else their scope says of those.
 */
export function followCovers(followedIncidentIds: readonly string[], event: ScopedEvent): boolean {
  if (event.incidentId === null || !followedIncidentIds.includes(event.incidentId)) return false;
  return !event.incidentResolved || event.kind === "incident_resolved";
}

/** The whole rule: the subscriber's scope, or an incident they follow on its own. */
export function subscriberHears(
  subscriber: { scope: SubscriberScope; followedIncidentIds: readonly string[] },
  event: ScopedEvent,
): boolean {
  return scopeCovers(subscriber.scope, event.affected) || followCovers(subscriber.followedIncidentIds, event);
}
