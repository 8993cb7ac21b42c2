// The public overview: every product's components × the regions they run in,
// each cell with its effective status, and the platform's overall status.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ComponentStatus, Tier } from "../generated/prisma/enums.ts";
import { effectiveStatus, type OverallStatus, overallStatus } from "../domain/status.ts";
import { COMPONENT_ORDER, PRODUCT_ORDER, REGION_ORDER } from "../catalog/order.ts";
import { OPEN_PUBLIC_INCIDENT } from "../incidents/visibility.ts";
import { ACTIVE_MAINTENANCE } from "../maintenance/visibility.ts";

export interface OverviewRegion {
  key: string;
  name: string;
  provider: string;
}

export interface OverviewCell {
  componentRegionId: string;
  regionKey: string;
  /** null: no evidence yet. */
  status: ComponentStatus | null;
  since: Date | null;
  lastResultAt: Date | null;
}

export interface OverviewComponent {
  key: string;
  name: string;
  description: string;
  tier: Tier;
  /** One entry per region of the page, in its order; null where not hosted. */
  cells: (OverviewCell | null)[];
}

export interface OverviewProduct {
  key: string;
  name: string;
  components: OverviewComponent[];
}

export interface StatusOverview {
  generatedAt: Date;
  overall: OverallStatus;
  regions: OverviewRegion[];
  products: OverviewProduct[];
}

export async function getStatusOverview(db: PrismaClient, now: Date): Promise<StatusOverview> {
  const [regions, products, overrides, maintenance] = await Promise.all([
    db.region.findMany({
      orderBy: REGION_ORDER,
      select: { id: true, key: true, name: true, provider: true },
    }),
    db.product.findMany({
      orderBy: PRODUCT_ORDER,
      select: {
        key: true,
        name: true,
        components: {
          orderBy: COMPONENT_ORDER,
          select: {
            key: true,
            name: true,
            description: true,
            tier: true,
            regions: {
              select: { id: true, regionId: true, probeStatus: true, probeStatusSince: true, lastResultAt: true },
            },
          },
        },
      },
    }),
    db.incidentComponentRegion.findMany({
      where: { incident: OPEN_PUBLIC_INCIDENT },
      select: { componentRegionId: true, status: true },
    }),
    db.maintenanceComponentRegion.findMany({
      where: { maintenance: ACTIVE_MAINTENANCE },
      select: { componentRegionId: true },
    }),
  ]);

  const incidentStatuses = new Map<string, ComponentStatus[]>();
  for (const o of overrides)
    incidentStatuses.set(o.componentRegionId, [...(incidentStatuses.get(o.componentRegionId) ?? []), o.status]);
  const inMaintenance = new Set(maintenance.map((m) => m.componentRegionId));
  const regionKeyById = new Map(regions.map((r) => [r.id, r.key]));

  const all: (ComponentStatus | null)[] = [];
  const overviewProducts = products
    .filter((p) => p.components.length > 0)
    .map((product) => ({
      key: product.key,
      name: product.name,
      components: product.components.map((component) => {
        const byRegion = new Map(component.regions.map((cr) => [cr.regionId, cr]));
        return {
          key: component.key,
          name: component.name,
          description: component.description,
          tier: component.tier,
          cells: regions.map((region): OverviewCell | null => {
            const cr = byRegion.get(region.id);
            if (!cr) return null;
            const maintained = inMaintenance.has(cr.id);
            const overridden = incidentStatuses.get(cr.id) ?? [];
            const status = effectiveStatus({
              inMaintenance: maintained,
              incidentStatuses: overridden,
              probeStatus: cr.probeStatus,
            });
            all.push(status);
            const automatic = !maintained && overridden.length === 0;
            return {
              componentRegionId: cr.id,
              regionKey: regionKeyById.get(cr.regionId) ?? region.key,
              status,
              since: automatic ? cr.probeStatusSince : null,
              lastResultAt: cr.lastResultAt,
            };
          }),
        };
      }),
    }));

  return {
    generatedAt: now,
    overall: overallStatus(all),
    regions: regions.map(({ key, name, provider }) => ({ key, name, provider })),
    products: overviewProducts,
  };
}
