// Writes the catalog, the demo people and the demo customer. Idempotent:
// every row is found by its natural key, so a second run changes nothing.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { DEMO_PROBE_INTERVAL_SECONDS, healthUrl, PRODUCTS, REGIONS, SIMULATOR_BASE_URL } from "../platform/catalog.ts";
import { DEMO_CUSTOMER, DEMO_USERS } from "../platform/demo-people.ts";

export interface SeedCounts {
  regions: number;
  products: number;
  components: number;
  componentRegions: number;
  probes: number;
  users: number;
  customers: number;
}

export async function seedPlatform(db: PrismaClient, options: { simulatorUrl?: string } = {}): Promise<SeedCounts> {
  const simulatorUrl = options.simulatorUrl ?? SIMULATOR_BASE_URL;
  return db.$transaction(
    async (tx) => {
      const regionIds = new Map<string, string>();
      for (const [sortOrder, spec] of REGIONS.entries()) {
        const data = { name: spec.name, provider: spec.provider, location: spec.location, sortOrder };
        const region = await tx.region.upsert({
          where: { key: spec.key },
          create: { key: spec.key, ...data },
          update: data,
        });
        regionIds.set(spec.key, region.id);
      }

      const productIds = new Map<string, string>();
      let componentSort = 0;
      for (const [sortOrder, productSpec] of PRODUCTS.entries()) {
        const productData = { name: productSpec.name, description: productSpec.description, sortOrder };
        const product = await tx.product.upsert({
          where: { key: productSpec.key },
          create: { key: productSpec.key, ...productData },
          update: productData,
        });
        productIds.set(productSpec.key, product.id);

        for (const spec of productSpec.components) {
          const data = {
            name: spec.name,
            description: spec.description,
            tier: spec.tier,
            productId: product.id,
            sortOrder: componentSort++,
          };
          const component = await tx.component.upsert({
            where: { key: spec.key },
            create: { key: spec.key, ...data },
            update: data,
          });
          for (const regionKey of spec.regions) {
            const regionId = regionIds.get(regionKey);
            if (!regionId) throw new Error(`Catalog: ${spec.key} runs in unknown region ${regionKey}`);
            const componentRegion = await tx.componentRegion.upsert({
              where: { componentId_regionId: { componentId: component.id, regionId } },
              create: { componentId: component.id, regionId },
              update: {},
            });
            const name = `${spec.name} health`;
            const probe = {
              kind: "http" as const,
              layer: "component" as const,
              target: healthUrl(simulatorUrl, regionKey, spec.key),
              intervalSeconds: DEMO_PROBE_INTERVAL_SECONDS,
            };
            await tx.probe.upsert({
              where: { componentRegionId_name: { componentRegionId: componentRegion.id, name } },
              create: { componentRegionId: componentRegion.id, name, ...probe },
              update: probe,
            });
          }
        }
      }

      for (const user of DEMO_USERS) {
        await tx.user.upsert({
          where: { email: user.email },
          create: user,
          update: { name: user.name, role: user.role },
        });
      }

      const { contract: c, ...customerSpec } = DEMO_CUSTOMER;
      const customer = await tx.customer.upsert({
        where: { key: customerSpec.key },
        create: { key: customerSpec.key, name: customerSpec.name },
        update: { name: customerSpec.name },
      });
      const contractData = {
        startsOn: c.startsOn,
        slaTargetPercent: c.slaTargetPercent,
        partialOutageWeight: c.partialOutageWeight,
        degradedWeight: c.degradedWeight,
        creditTiers: c.creditTiers.map((tier) => ({ ...tier })),
      };
      const contract = await tx.contract.upsert({
        where: { customerId_name: { customerId: customer.id, name: c.name } },
        create: { customerId: customer.id, name: c.name, ...contractData },
        update: contractData,
      });
      await tx.contractRegion.createMany({
        data: c.regions.map((key) => ({ contractId: contract.id, regionId: regionIds.get(key)! })),
        skipDuplicates: true,
      });
      await tx.contractProduct.createMany({
        data: c.products.map((key) => ({ contractId: contract.id, productId: productIds.get(key)! })),
        skipDuplicates: true,
      });

      const [regions, products, components, componentRegions, probes, users, customers] = await Promise.all([
        tx.region.count(),
        tx.product.count(),
        tx.component.count(),
        tx.componentRegion.count(),
        tx.probe.count(),
        tx.user.count(),
        tx.customer.count(),
      ]);
      return { regions, products, components, componentRegions, probes, users, customers };
    },
    { timeout: 60_000 },
  );
}

/** True when the catalog has never been written to this database. */
export async function isEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.region.count()) === 0;
}
