// Check-based availability from day rollups, with closed days kept in memory:
// equal to a recount of the raw results, and a late result in a closed day is
// on the very next read.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckResultInput, ingestResults } from "../../lib/monitoring/ingest-results.ts";
import { CheckAvailabilityReader } from "../../lib/slo/check-availability.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { sql } from "../support/sql.ts";

const DAY = 86_400_000;
let t: TestDatabase;
let vantageRegionId: string;
const probes: { probeId: string; componentRegionId: string }[] = [];
const today = Math.floor(Date.now() / DAY) * DAY;
const window = { from: new Date(today - 3 * DAY), to: new Date(today + DAY) };

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db);
  vantageRegionId = region.id;
  const product = await makeProduct(t.db);
  for (const key of ["checkout", "search"]) {
    const component = await makeComponent(t.db, product.id, { key });
    const componentRegionId = (await makeComponentRegion(t.db, component.id, region.id)).id;
    const probeId = (
      await t.db.probe.create({ data: { componentRegionId, name: "health", kind: "http", target: "http://x/health" } })
    ).id;
    probes.push({ probeId, componentRegionId });
  }
});
afterAll(() => t.drop());

function result(probe: number, at: number, outcome: "up" | "degraded" | "down"): CheckResultInput {
  return {
    id: randomUUID(),
    probeId: probes[probe]!.probeId,
    checkedAt: new Date(at).toISOString(),
    outcome,
    latencyMs: outcome === "down" ? null : 50,
    statusCode: 200,
    error: null,
  };
}

const ingest = (results: CheckResultInput[]) =>
  ingestResults(t.db, { vantageRegionId, agentId: null }, { results }, new Date());

/** The brute force: recount every raw result per ComponentRegion and day. */
async function recount() {
  const rows = await sql<{ cr: string; day: number; good: number; total: number }>(
    t.url,
    `SELECT "componentRegionId" AS cr, ("checkedAt"::date - $1::date) AS day,
            count(*) FILTER (WHERE outcome <> 'down')::int AS good, count(*)::int AS total
       FROM "CheckResult" WHERE "checkedAt" >= $1 AND "checkedAt" < $2 GROUP BY 1, 2`,
    [window.from.toISOString(), window.to.toISOString()],
  );
  const expected = new Map(
    probes.map((p) => [p.componentRegionId, Array.from({ length: 4 }, () => ({ good: 0, total: 0 }))]),
  );
  for (const row of rows) expected.get(row.cr)![row.day] = { good: row.good, total: row.total };
  return expected;
}

describe("check availability", () => {
  it("equals a recount of the raw results, per day and over the window", async () => {
    await ingest([
      result(0, today - 3 * DAY + 60_000, "up"),
      result(0, today - 3 * DAY + 120_000, "down"),
      result(0, today - 2 * DAY + 60_000, "up"),
      result(0, today - DAY + 60_000, "degraded"),
      result(1, today - DAY + 3_600_000, "down"),
      result(0, Math.min(today + 1_000, Date.now() - 1_000), "up"),
    ]);
    const reader = new CheckAvailabilityReader(t.db);
    const figures = await reader.read(window);
    const expected = await recount();
    for (const { componentRegionId } of probes) {
      expect(figures.get(componentRegionId)!.days).toEqual(expected.get(componentRegionId));
    }
    expect(figures.get(probes[0]!.componentRegionId)!.window).toEqual({ good: 4, total: 5 });
    expect(figures.get(probes[1]!.componentRegionId)!.window).toEqual({ good: 0, total: 1 });
  });

  it("shows a late result in a closed day on the next read, from the same reader", async () => {
    const reader = new CheckAvailabilityReader(t.db);
    await reader.read(window);
    await ingest([result(1, today - 2 * DAY + 7_200_000, "up"), result(1, today - 2 * DAY + 7_300_000, "down")]);
    const figures = await reader.read(window);
    expect(figures.get(probes[1]!.componentRegionId)!.days[1]).toEqual({ good: 1, total: 2 });
    expect(figures.get(probes[1]!.componentRegionId)!.days).toEqual(
      (await recount()).get(probes[1]!.componentRegionId),
    );
  });

  it("reads closed days once: only ingest's revision makes it look again", async () => {
    const reader = new CheckAvailabilityReader(t.db);
    const before = await reader.read(window);
    // A write that bypasses ingest (nothing in the product does this) is not noticed…
    await sql(t.url, `UPDATE "RollupDay" SET "upCount" = "upCount" + 100 WHERE "bucketStart" = $1`, [
      new Date(today - 3 * DAY).toISOString(),
    ]);
    expect((await reader.read(window)).get(probes[0]!.componentRegionId)!.days[0]).toEqual(
      before.get(probes[0]!.componentRegionId)!.days[0],
    );
    // …while a fresh reader, or today's live day, always reads the rows.
    expect(
      (await new CheckAvailabilityReader(t.db).read(window)).get(probes[0]!.componentRegionId)!.days[0]!.good,
    ).toBe(before.get(probes[0]!.componentRegionId)!.days[0]!.good + 100);
    await sql(t.url, `UPDATE "RollupDay" SET "upCount" = "upCount" - 100 WHERE "bucketStart" = $1`, [
      new Date(today - 3 * DAY).toISOString(),
    ]);
  });

  it("refuses windows that are not whole UTC days", async () => {
    await expect(
      new CheckAvailabilityReader(t.db).read({ from: new Date(today - DAY + 1), to: new Date(today) }),
    ).rejects.toThrow("whole UTC days");
  });
});
