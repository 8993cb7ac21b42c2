import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStatusOverview } from "../../lib/public/overview.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  makeComponent,
  makeComponentRegion,
  makeIncident,
  makeMaintenance,
  makeProduct,
  makeRegion,
} from "../support/factories.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("the status overview", () => {
  it("lays out products → components × regions and says where a component is not hosted", async () => {
    const eu = await makeRegion(t.db, { key: "eu.gcp", sortOrder: 0 });
    const us = await makeRegion(t.db, { key: "us.gcp", sortOrder: 1 });
    const product = await makeProduct(t.db);
    const checkout = await makeComponent(t.db, product.id, { key: "checkout", tier: "TIER_1" });
    const studio = await makeComponent(t.db, product.id, { key: "studio", tier: "TIER_2" });
    await makeComponentRegion(t.db, checkout.id, eu.id);
    await makeComponentRegion(t.db, checkout.id, us.id);
    await makeComponentRegion(t.db, studio.id, eu.id);

    const overview = await getStatusOverview(t.db, new Date());
    expect(overview.regions.map((r) => r.key)).toEqual(["eu.gcp", "us.gcp"]);
    const [row1, row2] = overview.products[0]!.components;
    expect(row1!.key).toBe("checkout"); // tier 1 sorts first
    expect(row1!.cells.map((c) => c?.regionKey)).toEqual(["eu.gcp", "us.gcp"]);
    expect(row2!.cells[1]).toBeNull();
    // Without probe data nothing is claimed to be operational.
    expect(row1!.cells.every((c) => c?.status === null)).toBe(true);
    expect(overview.overall).toMatchObject({ description: "Awaiting probe data", unknown: 3, total: 3 });
  });

  it("shows probe status, overridden by an open published incident, overridden by maintenance", async () => {
    const region = await makeRegion(t.db);
    const product = await makeProduct(t.db);
    const search = await makeComponent(t.db, product.id);
    const cr = await makeComponentRegion(t.db, search.id, region.id, {
      probeStatus: "operational",
      probeStatusSince: new Date(),
    });
    const cellStatus = async () => {
      const overview = await getStatusOverview(t.db, new Date());
      const row = overview.products.flatMap((p) => p.components).find((c) => c.key === search.key)!;
      return row.cells.find((c) => c?.componentRegionId === cr.id)?.status;
    };

    expect(await cellStatus()).toBe("operational");
    // A proposal is not public yet; a resolved incident no longer overrides.
    await makeIncident(t.db, [{ componentRegionId: cr.id, status: "major_outage" }], { review: "proposed" });
    await makeIncident(t.db, [{ componentRegionId: cr.id, status: "major_outage" }], { status: "resolved" });
    expect(await cellStatus()).toBe("operational");

    await makeIncident(t.db, [{ componentRegionId: cr.id, status: "partial_outage" }]);
    expect(await cellStatus()).toBe("partial_outage");

    await makeMaintenance(t.db, [cr.id], "scheduled");
    expect(await cellStatus()).toBe("partial_outage");
    await makeMaintenance(t.db, [cr.id], "in_progress");
    expect(await cellStatus()).toBe("under_maintenance");
  });
});
