// The demo's past early warning, computed by the worker's rule over the
// seeded hour rollups: one cleared warning on Search in europe-west1 with its
// rise, band and forecast; a second seeding writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketIndex, emptyHistogram } from "../../lib/domain/latency-histogram.ts";
import { HOUR_MS, WEEK_MS } from "../../lib/domain/seasonal-baseline.ts";
import { seedDemoEarlyWarning } from "../../lib/seed/seed-early-warning.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";

const NOW = new Date(Date.UTC(2026, 10, 20, 9, 12));
let t: TestDatabase;
let componentRegionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db, { key: "europe-west1.gcp" });
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id, { key: "search" });
  componentRegionId = (await makeComponentRegion(t.db, component.id, region.id)).id;
  await t.db.probe.create({ data: { componentRegionId, name: "health", kind: "http", target: "http://x/health" } });
  const hours = [];
  for (let at = NOW.getTime() - 6 * WEEK_MS; at < NOW.getTime(); at += HOUR_MS) {
    const start = Math.floor(at / HOUR_MS) * HOUR_MS;
    const level = 120 - 40 * Math.cos((2 * Math.PI * ((start % 86_400_000) / HOUR_MS - 3)) / 24);
    const latencyHistogram = emptyHistogram();
    for (const share of [0.8, 0.9, 1, 1, 1.1, 1.2]) latencyHistogram[bucketIndex(level * share)]! += 10;
    hours.push({ componentRegionId, bucketStart: new Date(start), upCount: 60, latencyCount: 60, latencyHistogram });
  }
  await t.db.rollupHour.createMany({ data: hours });
});
afterAll(() => t.drop());

describe("the demo's past early warning", () => {
  it("is the worker's rule run over the seeded baseline: raised during the creep, cleared after the rollback", async () => {
    expect(await seedDemoEarlyWarning(t.db, NOW)).toBe(true);
    const [w, ...more] = await t.db.earlyWarning.findMany();
    expect(more).toEqual([]);
    expect(w).toMatchObject({ componentRegionId, metric: "latency_p95", openKey: null, threshold: 1000 });
    const creepStart = Date.UTC(2026, 10, 18, 14, 30);
    expect(w!.raisedAt.getTime()).toBeGreaterThan(creepStart);
    expect(w!.raisedAt.getTime()).toBeLessThan(creepStart + 14 * 60_000);
    expect(w!.clearedAt!.getTime()).toBeGreaterThan(creepStart + 14 * 60_000);
    expect(w!.observed).toBeGreaterThan(w!.baseline + 4 * w!.spread);
    expect(w!.forecastCrossAt!.getTime()).toBeGreaterThan(w!.raisedAt.getTime());
    const evidence = w!.evidence as { points: unknown[]; forecast: unknown };
    expect(evidence.points.length).toBeGreaterThan(60);
    expect(evidence.forecast).not.toBeNull();

    expect(await seedDemoEarlyWarning(t.db, NOW)).toBe(false);
  });
});
