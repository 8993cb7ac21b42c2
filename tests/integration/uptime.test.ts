import { afterAll, beforeAll, expect, it } from "vitest";
import { getUptime } from "../../lib/status/uptime.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

it("computes 90-day uptime and daily bars from the probes' status history, leaving maintenance out", async () => {
  const region = await makeRegion(t.db);
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id);
  const cr = await makeComponentRegion(t.db, component.id, region.id);
  const now = new Date("2026-11-22T12:00:00Z");
  const change = (at: string, fromStatus: "operational" | "major_outage" | null, toStatus: "operational" | "major_outage" | null) =>
    t.db.statusChange.create({ data: { componentRegionId: cr.id, at: new Date(at), source: "probes", fromStatus, toStatus } });
  // Known since long before the window; one 2-hour outage yesterday crossing no boundary.
  await change("2026-01-01T00:00:00Z", null, "operational");
  await change("2026-11-21T10:00:00Z", "operational", "major_outage");
  await change("2026-11-21T12:00:00Z", "major_outage", "operational");
  // A completed maintenance window whose time must not count at all.
  await t.db.maintenance.create({
    data: {
      title: "Database upgrade",
      status: "completed",
      scheduledStart: new Date("2026-11-10T00:00:00Z"),
      scheduledEnd: new Date("2026-11-10T04:00:00Z"),
      startedAt: new Date("2026-11-10T00:00:00Z"),
      completedAt: new Date("2026-11-10T04:00:00Z"),
      componentRegions: { create: [{ componentRegionId: cr.id }] },
    },
  });

  const uptime = (await getUptime(t.db, now)).get(cr.id)!;
  expect(uptime.bars).toHaveLength(90);
  const windowMs = Date.parse("2026-11-22T12:00:00Z") - Date.parse("2026-08-25T00:00:00Z");
  const measured = windowMs - 4 * 3_600_000;
  expect(uptime.availability).toBeCloseTo(1 - (2 * 3_600_000) / measured, 12);
  const byDay = new Map(uptime.bars.map((b) => [b.day, b]));
  expect(byDay.get("2026-11-21")).toMatchObject({ worstStatus: "major_outage", downtimeMs: 2 * 3_600_000 });
  expect(byDay.get("2026-11-21")!.availability).toBeCloseTo(22 / 24, 12);
  expect(byDay.get("2026-11-10")).toMatchObject({ availability: 1, maintenanceMs: 4 * 3_600_000 });
  expect(byDay.get("2026-11-22")).toMatchObject({ worstStatus: "operational", availability: 1 });
});

it("reports no uptime where nothing was ever measured", async () => {
  const region = await makeRegion(t.db);
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id);
  const cr = await makeComponentRegion(t.db, component.id, region.id);
  const uptime = (await getUptime(t.db, new Date("2026-11-22T12:00:00Z"))).get(cr.id)!;
  expect(uptime.availability).toBeNull();
  expect(uptime.bars.every((b) => b.worstStatus === null && b.availability === null)).toBe(true);
});
