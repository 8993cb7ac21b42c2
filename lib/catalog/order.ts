// The catalog's one reading order, wherever regions, products and components
// are listed (status page, history, feeds, subscribe form, SLA contracts):
// by their sortOrder, ties broken by a stable name, tier 1 before tier 2.
import type { Prisma } from "../db.ts";

export const REGION_ORDER: Prisma.RegionOrderByWithRelationInput[] = [{ sortOrder: "asc" }, { key: "asc" }];

export const PRODUCT_ORDER: Prisma.ProductOrderByWithRelationInput[] = [{ sortOrder: "asc" }, { name: "asc" }];

/** Components within one product. */
export const COMPONENT_ORDER: Prisma.ComponentOrderByWithRelationInput[] = [
  { tier: "asc" },
  { sortOrder: "asc" },
  { name: "asc" },
];

/** Components across products: the product's place first. */
export const CATALOG_COMPONENT_ORDER: Prisma.ComponentOrderByWithRelationInput[] = [
  { product: { sortOrder: "asc" } },
  ...COMPONENT_ORDER,
];

/** REGION_ORDER for rows already in memory. */
export function regionOrder(a: { sortOrder: number; key: string }, b: { sortOrder: number; key: string }): number {
  return a.sortOrder - b.sortOrder || a.key.localeCompare(b.key);
}

/** PRODUCT_ORDER for rows already in memory. */
export function productOrder(a: { sortOrder: number; name: string }, b: { sortOrder: number; name: string }): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name);
}
