// The demo's stories: incidents written from the history's outages through
// the real verbs, at the times they happened, and nothing written twice when
// the demo starts again on the same data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_INCIDENTS } from "../../lib/seed/demo-incidents.ts";
import { DEMO_HISTORY_INCIDENTS, seedHistory } from "../../lib/seed/seed-history.ts";
import { seedPlatform } from "../../lib/seed/seed-platform.ts";
import { seedDemoStories } from "../../lib/seed/seed-stories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
let first: Awaited<ReturnType<typeof seedDemoStories>>;
const now = new Date("2026-11-22T12:00:00Z");
// Six days of history with every demo outage moved inside them.
const incidents = DEMO_HISTORY_INCIDENTS.map((spec, i) => ({ ...spec, startDaysAgo: 1.2 + i * 1.1 }));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedPlatform(t.db);
  await seedHistory(t.db, { now, days: 6, incidents, maintenances: [] });
  first = await seedDemoStories(t.db);
}, 180_000);
afterAll(() => t.drop());

describe("the demo's incidents", () => {
  it("writes one approved, resolved incident per outage in the history", async () => {
    expect(first.incidents.sort()).toEqual(DEMO_INCIDENTS.map((s) => s.id).sort());
    const rows = await t.db.incident.findMany({ include: { updates: { orderBy: { createdAt: "asc" } } } });
    for (const row of rows) {
      expect(row.review).toBe("approved");
      expect(row.status).toBe("resolved");
      expect(row.source).toBe("detected");
      expect(row.updates.length).toBe(DEMO_INCIDENTS.find((s) => s.id === row.id)!.updates.length);
      expect(row.detectedAt!.getTime()).toBeGreaterThan(row.startedAt.getTime());
      expect(row.acknowledgedAt!.getTime()).toBeGreaterThan(row.detectedAt!.getTime());
      expect(row.resolvedAt!.getTime()).toBeGreaterThan(row.acknowledgedAt!.getTime());
    }
  });

  it("starts each incident when the history's outage began and prioritises it by what it hit", async () => {
    const checkout = await t.db.incident.findUniqueOrThrow({ where: { id: "demo-checkout-database-failure" }, include: { componentRegions: true } });
    const change = await t.db.statusChange.findFirstOrThrow({ where: { evidence: { path: ["incident"], equals: "checkout-database-failure" } }, orderBy: { at: "asc" } });
    expect(checkout.startedAt).toEqual(change.at);
    expect(checkout.priority).toBe("P2");
    expect(checkout.componentRegions).toHaveLength(1);
    const merchantCenter = await t.db.incident.findUniqueOrThrow({ where: { id: "demo-merchant-center-cdn" }, include: { componentRegions: true } });
    expect(merchantCenter.impact).toBe("critical");
    expect(merchantCenter.componentRegions.length).toBeGreaterThan(1);
  });

  it("adds nothing when run again", async () => {
    const before = await t.db.incidentUpdate.count();
    expect(await seedDemoStories(t.db)).toEqual({ incidents: [] });
    expect(await t.db.incidentUpdate.count()).toBe(before);
  });
});
