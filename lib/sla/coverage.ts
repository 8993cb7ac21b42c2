// Which component-regions a contract covers: its regions × products, and with
// tier-1-only coverage only the TIER_1 components. One query, one definition.
import type { Prisma } from "../db.ts";
import type { Coverage, Tier } from "../generated/prisma/enums.ts";

export interface CoveredComponentRegion {
  id: string;
  componentKey: string;
  componentName: string;
  tier: Tier;
  productKey: string;
  productName: string;
  regionKey: string;
  regionName: string;
  /** "Checkout · us-central1.gcp" */
  label: string;
}

type Tx = Pick<Prisma.TransactionClient, "componentRegion">;

export function coveredComponentRegionsWhere(
  regionIds: readonly string[],
  productIds: readonly string[],
  coverage: Coverage,
): Prisma.ComponentRegionWhereInput {
  return {
    regionId: { in: [...regionIds] },
    component: {
      productId: { in: [...productIds] },
      ...(coverage === "tier_1_only" ? { tier: "TIER_1" as const } : {}),
    },
  };
}

/** In catalog order: product, component, region. */
export async function loadCoveredComponentRegions(
  tx: Tx,
  scope: { regionIds: readonly string[]; productIds: readonly string[]; coverage: Coverage },
): Promise<CoveredComponentRegion[]> {
  const rows = await tx.componentRegion.findMany({
    where: coveredComponentRegionsWhere(scope.regionIds, scope.productIds, scope.coverage),
    select: {
      id: true,
      component: {
        select: {
          key: true,
          name: true,
          tier: true,
          sortOrder: true,
          product: { select: { key: true, name: true, sortOrder: true } },
        },
      },
      region: { select: { key: true, name: true, sortOrder: true } },
    },
  });
  rows.sort(
    (a, b) =>
      a.component.product.sortOrder - b.component.product.sortOrder ||
      a.component.sortOrder - b.component.sortOrder ||
      a.region.sortOrder - b.region.sortOrder ||
      a.id.localeCompare(b.id),
  );
  return rows.map((row) => ({
    id: row.id,
    componentKey: row.component.key,
    componentName: row.component.name,
    tier: row.component.tier,
    productKey: row.component.product.key,
    productName: row.component.product.name,
    regionKey: row.region.key,
    regionName: row.region.name,
    label: `${row.component.name} · ${row.region.key}`,
  }));
}

export async function countCoveredComponentRegions(
  tx: Tx,
  scope: { regionIds: readonly string[]; productIds: readonly string[]; coverage: Coverage },
): Promise<number> {
  return tx.componentRegion.count({
    where: coveredComponentRegionsWhere(scope.regionIds, scope.productIds, scope.coverage),
  });
}
