import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketIndex, HISTOGRAM_SIZE } from "../../lib/domain/latency-histogram.ts";
import { AppError } from "../../lib/errors.ts";
import { type CheckResultInput, ingestResults } from "../../lib/monitoring/ingest-results.ts";
import { dropExpiredResults } from "../../lib/monitoring/result-partitions.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";

let t: TestDatabase;
let vantageRegionId: string;
let probeId: string;
let componentRegionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db);
  vantageRegionId = region.id;
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id);
  componentRegionId = (await makeComponentRegion(t.db, component.id, region.id)).id;
  probeId = (
    await t.db.probe.create({ data: { componentRegionId, name: "health", kind: "http", target: "http://x/health" } })
  ).id;
});
afterAll(() => t.drop());

const now = new Date("2026-11-22T12:00:00Z");
function result(at: string, outcome: "up" | "degraded" | "down", latencyMs: number | null): CheckResultInput {
  return {
    id: randomUUID(),
    probeId,
    checkedAt: at,
    outcome,
    latencyMs,
    statusCode: outcome === "down" ? 503 : 200,
    error: outcome === "down" ? "expected status 200, got 503" : null,
  };
}

async function rollup(table: "rollupMinute" | "rollupHour" | "rollupDay", bucketStart: string) {
  // biome-ignore lint/suspicious/noExplicitAny: one query over three identical models
  return (t.db[table] as any).findUnique({
    where: { componentRegionId_bucketStart: { componentRegionId, bucketStart: new Date(bucketStart) } },
  });
}

describe("ingesting check results", () => {
  it("stores results and rolls them up by minute, hour and day in one go", async () => {
    const batch = [
      result("2026-11-22T10:00:05Z", "up", 40),
      result("2026-11-22T10:00:35Z", "degraded", 1200),
      result("2026-11-22T10:01:05Z", "down", null),
      result("2026-11-22T11:30:00Z", "up", 60),
    ];
    expect(await ingestResults(t.db, { vantageRegionId, agentId: null }, { results: batch }, now)).toEqual({
      accepted: 4,
      duplicates: 0,
    });

    const minute = await rollup("rollupMinute", "2026-11-22T10:00:00Z");
    expect(minute).toMatchObject({
      upCount: 1,
      degradedCount: 1,
      downCount: 0,
      latencyCount: 2,
      latencyMinMs: 40,
      latencyMaxMs: 1200,
    });
    expect(minute.latencySumMs).toBe(1240n);
    expect(minute.latencyHistogram).toHaveLength(HISTOGRAM_SIZE);
    expect(minute.latencyHistogram[bucketIndex(40)]).toBe(1);
    expect(minute.latencyHistogram[bucketIndex(1200)]).toBe(1);
    expect(await rollup("rollupHour", "2026-11-22T10:00:00Z")).toMatchObject({
      upCount: 1,
      degradedCount: 1,
      downCount: 1,
    });
    expect(await rollup("rollupDay", "2026-11-22T00:00:00Z")).toMatchObject({
      upCount: 2,
      degradedCount: 1,
      downCount: 1,
      latencyCount: 3,
    });
    expect((await t.db.componentRegion.findUniqueOrThrow({ where: { id: componentRegionId } })).lastResultAt).toEqual(
      new Date("2026-11-22T11:30:00Z"),
    );
  });

  it("stores a replayed batch once and counts it once", async () => {
    const batch = [result("2026-11-21T08:00:00Z", "up", 30), result("2026-11-21T08:00:30Z", "up", 35)];
    await ingestResults(t.db, { vantageRegionId, agentId: null }, { results: batch }, now);
    expect(await ingestResults(t.db, { vantageRegionId, agentId: null }, { results: batch }, now)).toEqual({
      accepted: 0,
      duplicates: 2,
    });
    expect(await rollup("rollupDay", "2026-11-21T00:00:00Z")).toMatchObject({ upCount: 2, latencyCount: 2 });
    expect(await t.db.checkResult.count({ where: { id: { in: batch.map((r) => r.id) } } })).toBe(2);
  });

  it("keeps counts exact when agents replay overlapping batches concurrently", async () => {
    const results = Array.from({ length: 200 }, (_, i) =>
      result(
        new Date(Date.parse("2026-11-20T09:00:00Z") + i * 1000).toISOString(),
        i % 10 === 0 ? "down" : "up",
        20 + i,
      ),
    );
    const slices = [results.slice(0, 120), results.slice(80, 200), results.slice(40, 160), results];
    const outcomes = await Promise.all(
      slices.map((s) => ingestResults(t.db, { vantageRegionId, agentId: null }, { results: s }, now)),
    );
    expect(outcomes.reduce((n, o) => n + o.accepted, 0)).toBe(200);
    const day = await rollup("rollupDay", "2026-11-20T00:00:00Z");
    expect(day.upCount + day.downCount).toBe(200);
    expect(day.downCount).toBe(20);
  });

  it("refuses garbage with a message that says what is wrong, and writes nothing", async () => {
    const before = await t.db.checkResult.count();
    const attempt = (body: unknown) => ingestResults(t.db, { vantageRegionId, agentId: null }, body, now);
    await expect(
      attempt({ results: [{ ...result("2026-11-22T10:00:00Z", "up", 5), outcome: "sideways" }] }),
    ).rejects.toThrow(/results\.0\.outcome/);
    await expect(
      attempt({
        results: [
          result("2026-11-22T10:00:00Z", "up", 5),
          { ...result("2026-11-22T10:00:00Z", "up", 5), id: "not-a-uuid" },
        ],
      }),
    ).rejects.toThrow(/results\.1\.id/);
    await expect(
      attempt({ results: [{ ...result("2026-11-22T10:00:00Z", "up", 5), probeId: "nope" }] }),
    ).rejects.toThrow(/Unknown probe id\(s\): nope/);
    await expect(attempt({ results: [result("2026-11-23T10:00:00Z", "up", 5)] })).rejects.toThrow(/in the future/);
    await expect(attempt("garbage")).rejects.toBeInstanceOf(AppError);
    expect(await t.db.checkResult.count()).toBe(before);
  });
});

describe("retention", () => {
  it("expires raw results older than the window and keeps the rollups", async () => {
    const old = result("2026-09-01T10:00:00Z", "down", null);
    const recent = result("2026-11-10T10:00:00Z", "up", 25);
    await ingestResults(t.db, { vantageRegionId, agentId: null }, { results: [old, recent] }, now);
    expect((await dropExpiredResults(t.db, now, 30)).partitions).toBeGreaterThanOrEqual(1);
    expect(
      await t.db.checkResult.findMany({ where: { id: { in: [old.id, recent.id] } }, select: { id: true } }),
    ).toEqual([{ id: recent.id }]);
    expect(await rollup("rollupDay", "2026-09-01T00:00:00Z")).toMatchObject({ downCount: 1 });
  });
});
