import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIRM_ROUNDS, DEFAULT_QUORUM } from "../../lib/domain/confirmation.ts";
import { statusDurations } from "../../lib/domain/uptime.ts";
import { DEGRADED_ABOVE_MS } from "../../lib/seed/history-plan.ts";
import {
  DEMO_HISTORY_INCIDENTS,
  DEMO_HISTORY_MAINTENANCES,
  type SeedHistoryOutcome,
  seedHistory,
} from "../../lib/seed/seed-history.ts";
import { seedPlatform } from "../../lib/seed/seed-platform.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
let outcome: SeedHistoryOutcome;
const now = new Date("2026-11-22T12:00:00Z");
// Three days, with the checkout outage and the maintenance moved inside them.
const options = {
  now,
  days: 3,
  incidents: [{ ...DEMO_HISTORY_INCIDENTS.find((i) => i.key === "checkout-database-failure")!, startDaysAgo: 1.5 }],
  maintenances: [{ ...DEMO_HISTORY_MAINTENANCES[0]!, startDaysAgo: 2.25 }],
};
const outageFrom = new Date("2026-11-21T00:00:00Z");
const outageTo = new Date("2026-11-21T02:00:00Z");
const historyFrom = new Date("2026-11-19T12:00:00Z");

async function componentRegionId(component: string, region: string): Promise<string> {
  const cr = await t.db.componentRegion.findFirstOrThrow({
    where: { component: { key: component }, region: { key: region } },
  });
  return cr.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedPlatform(t.db);
  outcome = await seedHistory(t.db, options);
}, 120_000);
afterAll(() => t.drop());

describe("seeding the demo's history", () => {
  it("stores every planned result through ingest, one per vantage and round", async () => {
    const rounds = 3 * 48;
    expect(outcome).toEqual({
      seeded: true,
      days: 3,
      results: 54 * 5 * rounds,
      statusChanges: 54 + 2,
      incidents: ["checkout-database-failure"],
      maintenances: ["products-api-database-upgrade"],
      leftOut: [],
    });
    expect(await t.db.checkResult.count()).toBe(54 * 5 * rounds);
    const oldest = await t.db.checkResult.findFirstOrThrow({ orderBy: { checkedAt: "asc" } });
    expect(oldest.checkedAt.getTime() - historyFrom.getTime()).toBeLessThan(10_000);
    const stale = await t.db.componentRegion.count({
      where: { OR: [{ lastResultAt: null }, { lastResultAt: { lt: new Date(now.getTime() - 3_600_000) } }] },
    });
    expect(stale).toBe(0);
  });

  it("plans with the thresholds the seeded probes actually use", async () => {
    const probes = await t.db.probe.findMany({
      select: { degradedAboveMs: true, confirmRounds: true, quorum: true },
      distinct: ["degradedAboveMs", "confirmRounds", "quorum"],
    });
    expect(probes).toEqual([
      { degradedAboveMs: DEGRADED_ABOVE_MS, confirmRounds: DEFAULT_CONFIRM_ROUNDS, quorum: DEFAULT_QUORUM },
    ]);
  });

  it("rolls results up by day exactly as it stored them, per component-region", async () => {
    const raw = await t.db.$queryRawUnsafe<{ id: string; up: number; degraded: number; down: number }[]>(
      `SELECT "componentRegionId" AS id, count(*) FILTER (WHERE outcome = 'up')::int AS up,
              count(*) FILTER (WHERE outcome = 'degraded')::int AS degraded, count(*) FILTER (WHERE outcome = 'down')::int AS down
         FROM "CheckResult" GROUP BY 1 ORDER BY 1`,
    );
    const days = await t.db.$queryRawUnsafe<typeof raw>(
      `SELECT "componentRegionId" AS id, sum("upCount")::int AS up, sum("degradedCount")::int AS degraded, sum("downCount")::int AS down
         FROM "RollupDay" GROUP BY 1 ORDER BY 1`,
    );
    expect(raw).toHaveLength(54);
    expect(days).toEqual(raw);
  });

  it("records checkout's outage in us-central1 as the probes saw it, and nothing else", async () => {
    const checkout = await componentRegionId("checkout", "us-central1.gcp");
    const changes = await t.db.statusChange.findMany({
      where: { componentRegionId: checkout },
      orderBy: { at: "asc" },
    });
    expect(changes.map((c) => [c.at, c.source, c.fromStatus, c.toStatus])).toEqual([
      [historyFrom, "probes", null, "operational"],
      [outageFrom, "probes", "operational", "major_outage"],
      [outageTo, "probes", "major_outage", "operational"],
    ]);
    expect(changes[1]!.evidence).toMatchObject({ seeded: true, reason: expect.stringContaining("database") });

    const down = await t.db.checkResult.groupBy({
      by: ["outcome"],
      where: { componentRegionId: checkout, checkedAt: { gte: outageFrom, lt: outageTo } },
      _count: true,
    });
    // Four rounds of five vantages; at most one vantage in a round is spared.
    expect(down.find((d) => d.outcome === "down")!._count).toBeGreaterThanOrEqual(16);
    const hour = await t.db.rollupHour.findUniqueOrThrow({
      where: { componentRegionId_bucketStart: { componentRegionId: checkout, bucketStart: outageFrom } },
    });
    expect(hour.downCount).toBeGreaterThanOrEqual(8);

    const history = changes.map((c) => ({ at: c.at, status: c.toStatus }));
    expect(statusDurations(history, { from: historyFrom, to: now }, []).ms.major_outage).toBe(2 * 3_600_000);
    expect(await t.db.statusChange.count({ where: { componentRegionId: { not: checkout } } })).toBe(53);
    expect(await t.db.componentRegion.findUniqueOrThrow({ where: { id: checkout } })).toMatchObject({
      probeStatus: "operational",
      probeStatusSince: outageTo,
    });
    expect(await t.db.componentRegion.count({ where: { probeStatus: "operational" } })).toBe(54);
  });

  it("writes the completed maintenance window with its component-region and updates", async () => {
    const maintenance = await t.db.maintenance.findFirstOrThrow({
      include: { componentRegions: true, updates: { orderBy: { createdAt: "asc" } } },
    });
    expect(maintenance).toMatchObject({
      status: "completed",
      startedAt: maintenance.scheduledStart,
      completedAt: maintenance.scheduledEnd,
    });
    expect(maintenance.scheduledEnd.getTime() - maintenance.scheduledStart.getTime()).toBe(2 * 3_600_000);
    expect(maintenance.componentRegions.map((c) => c.componentRegionId)).toEqual([
      await componentRegionId("products-api", "eu-central-1.aws"),
    ]);
    expect(maintenance.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress", "completed"]);
  });

  it("does nothing the second time, and says so", async () => {
    const counts = async () => [
      await t.db.checkResult.count(),
      await t.db.statusChange.count(),
      await t.db.maintenance.count(),
    ];
    const before = await counts();
    expect(await seedHistory(t.db, options)).toEqual({ seeded: false, reason: expect.stringContaining("already") });
    expect(await counts()).toEqual(before);
  });
});
