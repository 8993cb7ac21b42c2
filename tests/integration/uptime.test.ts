import { afterAll, beforeAll, expect, it } from "vitest";
import { availabilityForWindow, dailyBars, utcDayWindows } from "../../lib/domain/uptime.ts";
import { getUptime, UPTIME_DAYS, UptimeReader } from "../../lib/public/uptime.ts";
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
  const change = (
    at: string,
    fromStatus: "operational" | "major_outage" | null,
    toStatus: "operational" | "major_outage" | null,
  ) =>
    t.db.statusChange.create({
      data: { componentRegionId: cr.id, at: new Date(at), source: "probes", fromStatus, toStatus },
    });
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

it("counts ended days once, yet shows a change that lands in one on the next read", async () => {
  const region = await makeRegion(t.db);
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id);
  const cr = await makeComponentRegion(t.db, component.id, region.id);
  const change = (at: string, toStatus: "operational" | "major_outage" | "partial_outage") =>
    t.db.statusChange.create({ data: { componentRegionId: cr.id, at: new Date(at), source: "probes", toStatus } });
  await change("2026-10-01T00:00:00Z", "operational");
  const reader = new UptimeReader(t.db);
  const read = async (at: string) => (await reader.read(new Date(at))).get(cr.id)!;
  // The whole window in one sweep of the pure core, as if nothing were kept.
  const recount = async (at: string) => {
    const now = new Date(at);
    const from = utcDayWindows(now, UPTIME_DAYS)[0]!.from;
    const changes = await t.db.statusChange.findMany({ where: { componentRegionId: cr.id }, orderBy: { at: "asc" } });
    const before = changes.filter((c) => c.at < from).at(-1);
    const points = changes.filter((c) => c.at >= from).map((c) => ({ at: c.at, status: c.toStatus }));
    const links = await t.db.maintenanceComponentRegion.findMany({
      where: { componentRegionId: cr.id },
      include: { maintenance: true },
    });
    const maintenance = links.map((l) => ({ from: l.maintenance.startedAt!, to: l.maintenance.completedAt! }));
    const options = { initial: before?.toStatus ?? null };
    return {
      availability: availabilityForWindow(points, { from, to: now }, maintenance, options).availability,
      bars: dailyBars(points, maintenance, { ...options, days: UPTIME_DAYS, end: now }),
    };
  };

  const first = await read("2026-11-22T10:00:00Z");
  expect(first.availability).toBe(1);
  // Today's outage is read on every read; the ended days are not counted again for it.
  await change("2026-11-22T10:30:00Z", "major_outage");
  const today = await read("2026-11-22T11:00:00Z");
  expect(today.bars.at(-1)).toMatchObject({ day: "2026-11-22", worstStatus: "major_outage", downtimeMs: 30 * 60_000 });
  expect(reader.endedDaysCounted).toBe(1);

  // An evaluation confirming a round from three days ago, and a maintenance window found later: both in ended days.
  await change("2026-11-19T08:00:00Z", "partial_outage");
  await change("2026-11-19T09:00:00Z", "operational");
  const late = await read("2026-11-22T11:00:00Z");
  expect(late.bars.find((b) => b.day === "2026-11-19")).toMatchObject({
    worstStatus: "partial_outage",
    downtimeMs: 0.3 * 3_600_000,
  });
  expect(reader.endedDaysCounted).toBe(2);
  await t.db.maintenance.create({
    data: {
      title: "Storage migration",
      status: "completed",
      scheduledStart: new Date("2026-11-19T08:00:00Z"),
      scheduledEnd: new Date("2026-11-19T09:00:00Z"),
      startedAt: new Date("2026-11-19T08:00:00Z"),
      completedAt: new Date("2026-11-19T09:00:00Z"),
      componentRegions: { create: [{ componentRegionId: cr.id }] },
    },
  });
  const maintained = await read("2026-11-22T11:00:00Z");
  expect(maintained.bars.find((b) => b.day === "2026-11-19")).toMatchObject({
    downtimeMs: 0,
    maintenanceMs: 3_600_000,
  });
  // The same figures as a reader that counts everything afresh, to the last bit.
  expect(maintained).toEqual(await recount("2026-11-22T11:00:00Z"));

  // A new day: yesterday joins the ended days.
  const tomorrow = await read("2026-11-23T01:00:00Z");
  expect(tomorrow).toEqual(await recount("2026-11-23T01:00:00Z"));
  expect(tomorrow.bars.find((b) => b.day === "2026-11-22")).toMatchObject({ worstStatus: "major_outage" });
});
