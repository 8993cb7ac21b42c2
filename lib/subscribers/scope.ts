// A subscriber's scope as the forms send it and the database keeps it, and
// the catalog a reader chooses from.
import { z } from "zod";
import type { Db, Prisma } from "../db.ts";
import { AppError } from "../errors.ts";
import type { SubscriberScope } from "../domain/scoping.ts";
import { CATALOG_COMPONENT_ORDER, REGION_ORDER } from "../catalog/order.ts";

const id = z.string().trim().min(1).max(40);

export const subscriptionScopeSchema = z
  .object({
    all: z.boolean(),
    tier1Only: z.boolean().default(false),
    regionIds: z.array(id).max(100).default([]),
    componentIds: z.array(id).max(200).default([]),
  })
  .refine((s) => s.all || s.regionIds.length + s.componentIds.length > 0, {
    message: "Choose at least one region or component, or everything.",
  })
  .transform(
    (s): SubscriberScope =>
      s.all
        ? { ...s, regionIds: [], componentIds: [] }
        : { ...s, regionIds: [...new Set(s.regionIds)], componentIds: [...new Set(s.componentIds)] },
  );

export interface SubscriptionChoices {
  regions: { id: string; key: string; name: string }[];
  components: { id: string; key: string; name: string; tier: "TIER_1" | "TIER_2"; product: string }[];
}

export async function getSubscriptionChoices(db: Db): Promise<SubscriptionChoices> {
  const [regions, components] = await Promise.all([
    db.region.findMany({
      orderBy: REGION_ORDER,
      select: { id: true, key: true, name: true },
    }),
    db.component.findMany({
      orderBy: CATALOG_COMPONENT_ORDER,
      select: { id: true, key: true, name: true, tier: true, product: { select: { name: true } } },
    }),
  ]);
  return { regions, components: components.map(({ product, ...c }) => ({ ...c, product: product.name })) };
}

/** In words, for emails and pages: "everything", "Checkout and Search in europe-west1.gcp (tier 1 only)". */
export function describeScope(scope: SubscriberScope, choices: SubscriptionChoices): string {
  const list = (names: string[]) =>
    names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const tier = scope.tier1Only ? " (tier-1 components only)" : "";
  if (scope.all) return `everything${tier}`;
  const components = list(choices.components.filter((c) => scope.componentIds.includes(c.id)).map((c) => c.name));
  const regions = list(choices.regions.filter((r) => scope.regionIds.includes(r.id)).map((r) => r.key));
  if (components && regions) return `${components} in ${regions}${tier}`;
  if (components) return `${components} in every region${tier}`;
  return `every component in ${regions}${tier}`;
}

type Tx = Pick<
  Prisma.TransactionClient,
  "region" | "component" | "subscriberRegion" | "subscriberComponent" | "subscriber"
>;

/** Replaces a subscriber's scope; refuses ids that are not in the catalog. */
export async function writeScope(tx: Tx, subscriberId: string, scope: SubscriberScope): Promise<void> {
  const [regions, components] = await Promise.all([
    tx.region.count({ where: { id: { in: [...scope.regionIds] } } }),
    tx.component.count({ where: { id: { in: [...scope.componentIds] } } }),
  ]);
  if (regions !== scope.regionIds.length || components !== scope.componentIds.length) {
    throw new AppError("VALIDATION", "Some of the chosen regions or components do not exist.", {
      fields: { scope: ["Choose from the list."] },
    });
  }
  await tx.subscriber.update({
    where: { id: subscriberId },
    data: { scopeAll: scope.all, tier1Only: scope.tier1Only },
  });
  await tx.subscriberRegion.deleteMany({ where: { subscriberId } });
  await tx.subscriberComponent.deleteMany({ where: { subscriberId } });
  if (scope.regionIds.length)
    await tx.subscriberRegion.createMany({ data: scope.regionIds.map((regionId) => ({ subscriberId, regionId })) });
  if (scope.componentIds.length)
    await tx.subscriberComponent.createMany({
      data: scope.componentIds.map((componentId) => ({ subscriberId, componentId })),
    });
}

export function scopeOf(row: {
  scopeAll: boolean;
  tier1Only: boolean;
  regions: { regionId: string }[];
  components: { componentId: string }[];
}): SubscriberScope {
  return {
    all: row.scopeAll,
    tier1Only: row.tier1Only,
    regionIds: row.regions.map((r) => r.regionId),
    componentIds: row.components.map((c) => c.componentId),
  };
}
