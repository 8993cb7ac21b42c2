// The ComponentRegions an incident affects: the shared input shape, lookup
// with a field error for unknown ones, and what priority follows from them.
import { z } from "zod";
import type { Prisma } from "../db.ts";
import { highestTier, incidentPriority } from "../domain/priority.ts";
import { AppError } from "../errors.ts";
import type { IncidentImpact, Priority } from "../generated/prisma/enums.ts";
import {
  type AffectedComponentRegion,
  type AffectedSnapshot,
  componentRegionSelect,
  toAffected,
} from "./get-incident.ts";

/** An incident sets these statuses; under_maintenance belongs to maintenance windows. */
export const INCIDENT_COMPONENT_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
] as const;
export const IMPACT_VALUES = ["none", "minor", "major", "critical"] as const;

export const affectedComponentRegionsInput = z
  .array(z.object({ componentRegionId: z.string().trim().min(1), status: z.enum(INCIDENT_COMPONENT_STATUSES) }))
  .min(1, "Choose at least one affected component and region.")
  .max(500)
  .refine(
    (list) => new Set(list.map((a) => a.componentRegionId)).size === list.length,
    "A component and region is listed twice.",
  );

type Tx = Pick<Prisma.TransactionClient, "componentRegion">;

/** The chosen ComponentRegions with their names and tiers; unknown ids are a field error. */
export async function resolveAffected(
  tx: Tx,
  chosen: readonly { componentRegionId: string; status: AffectedComponentRegion["status"] }[],
): Promise<AffectedComponentRegion[]> {
  const rows = await tx.componentRegion.findMany({
    where: { id: { in: chosen.map((c) => c.componentRegionId) } },
    select: componentRegionSelect,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = chosen.filter((c) => !byId.has(c.componentRegionId));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION", "Some affected components and regions do not exist.", {
      fields: { componentRegions: [`Unknown component-region: ${unknown.map((u) => u.componentRegionId).join(", ")}`] },
    });
  }
  return chosen.map((c) => toAffected(byId.get(c.componentRegionId)!, c.status));
}

export function priorityOf(impact: IncidentImpact, affected: readonly AffectedComponentRegion[]): Priority {
  return incidentPriority({
    tier: highestTier(affected.map((a) => a.tier)),
    impact,
    regions: new Set(affected.map((a) => a.regionKey)).size,
  });
}

/** Frozen on each IncidentUpdate: the affected ComponentRegions as of that update. */
export function affectedSnapshot(affected: readonly AffectedComponentRegion[]): AffectedSnapshot[] {
  return affected.map((a) => ({
    componentRegionId: a.componentRegionId,
    componentName: a.componentName,
    regionName: a.regionName,
    status: a.status,
  }));
}
