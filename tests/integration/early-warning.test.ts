// Seasonal early warning against the real database: four weeks of hour
// rollups with a daily pattern and two hours of minute rollups; a latency
// ramp on one ComponentRegion raises one EarlyWarning with a forecast, which
// clears once the latency is back within its band; the clean one stays quiet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR_MS, MINUTE_MS, WEEK_MS } from "../../lib/domain/seasonal-baseline.ts";
import { bucketIndex, emptyHistogram } from "../../lib/domain/latency-histogram.ts";
import { evaluateEarlyWarnings } from "../../lib/early-warning/evaluate-early-warnings.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";

const NOW = Date.UTC(2026, 10, 18, 14, 0, 30);
const END = Date.UTC(2026, 10, 18, 14, 0);
const RAMP_MINUTES = 12;
/** Every minute's checks spread around the level the same way. */
const SPREAD = [0.85, 0.9, 0.95, 1, 1, 1.05, 1.1, 1.15, 1.2, 1.3];

let t: TestDatabase;
let ramped: string;
let clean: string;

/** Busy afternoons, quiet nights: 80 ms at 04:00 UTC, 200 ms at 16:00. */
function level(at: number): number {
  const hour = (at % 86_400_000) / HOUR_MS;
  return 140 - 60 * Math.cos((2 * Math.PI * (hour - 4)) / 24);
}

function rollup(componentRegionId: string, bucketStart: number, latencyMs: number, repeat: number) {
  const latencyHistogram = emptyHistogram();
  for (const share of SPREAD) latencyHistogram[bucketIndex(latencyMs * share)]! += repeat;
  const n = SPREAD.length * repeat;
  return {
    componentRegionId,
    bucketStart: new Date(bucketStart),
    upCount: n,
    latencyCount: n,
    latencySumMs: BigInt(Math.round(latencyMs * n)),
    latencyHistogram,
  };
}

async function writeMinutes(componentRegionId: string, from: number, to: number, extra: (at: number) => number) {
  const rows = [];
  for (let at = from; at < to; at += MINUTE_MS) rows.push(rollup(componentRegionId, at, level(at) + extra(at), 1));
  await t.db.rollupMinute.createMany({ data: rows });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db);
  const product = await makeProduct(t.db);
  const ids: string[] = [];
  for (const key of ["search", "checkout"]) {
    const component = await makeComponent(t.db, product.id, { key });
    const componentRegionId = (await makeComponentRegion(t.db, component.id, region.id)).id;
    await t.db.probe.create({
      data: { componentRegionId, name: "health", kind: "http", target: "http://x/health", degradedAboveMs: 1000 },
    });
    const hours = [];
    for (let at = END - 4 * WEEK_MS - 3 * HOUR_MS; at < END - 3 * HOUR_MS; at += HOUR_MS)
      hours.push(rollup(componentRegionId, at, level(at + HOUR_MS / 2), 60));
    await t.db.rollupHour.createMany({ data: hours });
    ids.push(componentRegionId);
  }
  [ramped, clean] = ids as [string, string];
  const rampStart = END - RAMP_MINUTES * MINUTE_MS;
  await writeMinutes(ramped, END - 3 * HOUR_MS, END, (at) =>
    at < rampStart ? 0 : (40 * (at - rampStart + MINUTE_MS)) / MINUTE_MS,
  );
  await writeMinutes(clean, END - 3 * HOUR_MS, END, () => 0);
});
afterAll(() => t.drop());

describe("seasonal early warning", () => {
  it("raises one warning for the ramp, with a forecast of when it turns degraded, and none for the clean series", async () => {
    const first = await evaluateEarlyWarnings(t.db, new Date(NOW));
    expect(first.raised).toEqual([`${ramped}:latency_p95`]);
    // The next evaluation of the same minute finds it open and raises nothing more.
    const again = await evaluateEarlyWarnings(t.db, new Date(NOW));
    expect(again.raised).toEqual([]);

    const warnings = await t.db.earlyWarning.findMany();
    expect(warnings).toHaveLength(1);
    const [w] = warnings;
    expect(w).toMatchObject({
      componentRegionId: ramped,
      metric: "latency_p95",
      clearedAt: null,
      openKey: `${ramped}:latency_p95`,
      threshold: 1000,
    });
    expect(w!.observed).toBeGreaterThan(w!.baseline + 4 * w!.spread);
    expect(w!.forecastCrossAt!.getTime()).toBeGreaterThan(NOW);
    expect(w!.forecastCrossAt!.getTime()).toBeLessThan(NOW + HOUR_MS);
    const evidence = w!.evidence as { points: { value: number; expected: number; upper: number }[]; forecast: unknown };
    expect(evidence.points.length).toBeGreaterThan(60);
    expect(evidence.points.at(-1)!.value).toBeGreaterThan(evidence.points.at(-1)!.upper);
    expect(evidence.forecast).toMatchObject({ to: { value: 1000 } });
  });

  it("clears the warning once the latency is back within the band", async () => {
    await writeMinutes(ramped, END, END + 4 * MINUTE_MS, () => 0);
    await writeMinutes(clean, END, END + 10 * MINUTE_MS, () => 0);
    // Four calm minutes: the window still holds the ramp's last minute.
    expect((await evaluateEarlyWarnings(t.db, new Date(NOW + 4 * MINUTE_MS))).cleared).toEqual([]);
    await writeMinutes(ramped, END + 4 * MINUTE_MS, END + 10 * MINUTE_MS, () => 0);
    const later = await evaluateEarlyWarnings(t.db, new Date(NOW + 10 * MINUTE_MS));
    expect(later.cleared).toEqual([`${ramped}:latency_p95`]);
    const [w] = await t.db.earlyWarning.findMany();
    expect(w).toMatchObject({ openKey: null, clearedAt: new Date(NOW + 10 * MINUTE_MS) });
    // It keeps the picture from when it was above its band: the rise and its forecast.
    expect(w!.observed).toBeGreaterThan(w!.baseline + 4 * w!.spread);
    expect(w!.forecastCrossAt).not.toBeNull();
  });
});
