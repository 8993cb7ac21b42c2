import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCTS, REGIONS } from "../../lib/platform/catalog.ts";
import { isEmpty, seedPlatform } from "../../lib/seed/seed-platform.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("the demo seed", () => {
  it("describes the commerce platform, and a second run changes nothing", async () => {
    expect(await isEmpty(t.db)).toBe(true);
    const first = await seedPlatform(t.db);
    const snapshot = async () =>
      t.db.componentRegion.findMany({
        select: {
          id: true,
          component: { select: { key: true, tier: true } },
          region: { select: { key: true } },
          probes: { select: { id: true, target: true } },
        },
        orderBy: { id: "asc" },
      });
    const before = await snapshot();
    const second = await seedPlatform(t.db);
    expect(second).toEqual(first);
    expect(await snapshot()).toEqual(before);
    expect(await isEmpty(t.db)).toBe(false);

    const expectedComponentRegions = PRODUCTS.flatMap((p) => p.components).reduce((n, c) => n + c.regions.length, 0);
    expect(first).toEqual({
      regions: 5,
      products: 4,
      components: 12,
      componentRegions: expectedComponentRegions,
      probes: expectedComponentRegions,
      users: 5,
      customers: 1,
    });
    expect((await t.db.region.findMany({ orderBy: { sortOrder: "asc" } })).map((r) => r.key)).toEqual(
      REGIONS.map((r) => r.key),
    );
  });

  it("gives tier 1 to what enables primary use and tier 2 to what enhances it", async () => {
    const components = await t.db.component.findMany({ select: { name: true, tier: true } });
    const tier = (tierName: string) =>
      components
        .filter((c) => c.tier === tierName)
        .map((c) => c.name)
        .sort();
    expect(tier("TIER_1")).toEqual(
      [
        "API Hub",
        "Authentication",
        "Carts & Orders API",
        "Checkout",
        "Delivery",
        "Products API",
        "Search",
        "Subscriptions & Messages",
      ].sort(),
    );
    expect(tier("TIER_2")).toEqual(["Audit Log", "Import & Export", "Merchant Center", "Studio"]);
  });

  it("has a demo user per role, two engineers (a postmortem's reviewer is never its author), and a customer with a contract to report on", async () => {
    const roles = (await t.db.user.findMany({ select: { role: true } })).map((u) => u.role).sort();
    expect(roles).toEqual(["ACCOUNT_MANAGER", "ADMIN", "ENGINEER", "ENGINEER", "VIEWER"]);
    const contract = await t.db.contract.findFirstOrThrow({
      include: { customer: true, regions: { include: { region: true } }, products: { include: { product: true } } },
    });
    expect(contract.customer.name).toBe("Northwind Retail");
    expect(contract.slaTargetPercent.toString()).toBe("99.9");
    expect(contract.regions.map((r) => r.region.key).sort()).toEqual(["eu-central-1.aws", "europe-west1.gcp"]);
    expect(contract.products.map((p) => p.product.key).sort()).toEqual(["checkout", "composable-commerce"]);
  });

  it("gives every component-region an HTTP probe of its own health endpoint", async () => {
    const probes = await t.db.probe.findMany({
      include: { componentRegion: { include: { component: true, region: true } } },
    });
    for (const probe of probes) {
      expect(probe.kind).toBe("http");
      expect(probe.target).toContain(
        `/${probe.componentRegion.region.key}/${probe.componentRegion.component.key}/health`,
      );
    }
  });
});
