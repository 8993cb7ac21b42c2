// What burn-rate evaluation, the console and the gate read of a ComponentRegion:
// its names, tier and objective.
import type { Prisma } from "../db.ts";
import { sloTargetPercent } from "../domain/slo.ts";

export const burnSubjectSelect = {
  id: true,
  regionId: true,
  probeStatus: true,
  probeStatusSince: true,
  component: { select: { id: true, key: true, name: true, tier: true, sortOrder: true, sloTargetPercent: true } },
  region: { select: { key: true, name: true, sortOrder: true } },
} satisfies Prisma.ComponentRegionSelect;
export type BurnSubject = Prisma.ComponentRegionGetPayload<{ select: typeof burnSubjectSelect }>;

/** The objective in force, in percent: the component's own or its tier's. */
export function sloOf(cr: Pick<BurnSubject, "component">): number {
  const override = cr.component.sloTargetPercent;
  return sloTargetPercent(cr.component.tier, override === null ? null : Number(override));
}
