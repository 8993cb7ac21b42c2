import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ingestResults } from "../../lib/monitoring/ingest-results.ts";
import { evaluateDueRounds, ROUND_GRACE_MS } from "../../lib/monitoring/evaluate-rounds.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";

let t: TestDatabase;
let vantages: { id: string; key: string }[];
let product: { id: string };
beforeAll(async () => {
  t = await createTestDatabase();
  vantages = await Promise.all([0, 1, 2].map((i) => makeRegion(t.db, { key: `vantage-${i}.gcp`, sortOrder: i })));
  product = await makeProduct(t.db);
});
afterAll(() => t.drop());

const INTERVAL = 10;
const T0 = Date.parse("2026-11-22T10:00:00Z");
let probeId: string;
let componentRegionId: string;

beforeEach(async () => {
  const component = await makeComponent(t.db, product.id);
  componentRegionId = (await makeComponentRegion(t.db, component.id, vantages[0]!.id)).id;
  probeId = (
    await t.db.probe.create({
      data: {
        componentRegionId,
        name: "health",
        kind: "http",
        target: "http://x",
        intervalSeconds: INTERVAL,
        timeoutMs: 1000,
        confirmRounds: 3,
        quorum: 2,
      },
    })
  ).id;
});

/** One round: outcome per vantage (undefined = that vantage is silent). */
async function round(index: number, outcomes: ("up" | "degraded" | "down" | undefined)[]) {
  for (const [v, outcome] of outcomes.entries()) {
    if (!outcome) continue;
    const checkedAt = new Date(T0 + index * INTERVAL * 1000 + 2000 + v * 100).toISOString();
    const error = outcome === "down" ? "expected status 200, got 503" : null;
    await ingestResults(
      t.db,
      { vantageRegionId: vantages[v]!.id, agentId: null },
      { results: [{ id: randomUUID(), probeId, checkedAt, outcome, latencyMs: 50, statusCode: 200, error }] },
      new Date(T0 + 86_400_000),
    );
  }
}

/** Evaluates everything that has closed by the end of round `index`. */
async function evaluateThrough(index: number) {
  return evaluateDueRounds(t.db, new Date(T0 + (index + 1) * INTERVAL * 1000 + 1000 + ROUND_GRACE_MS));
}

const status = async () =>
  (await t.db.componentRegion.findUniqueOrThrow({ where: { id: componentRegionId } })).probeStatus;

describe("evaluating probe rounds", () => {
  it("confirms a major outage only after K rounds in which all vantages but at most one failed, dated from the first", async () => {
    await round(0, ["up", "up", "up"]);
    await evaluateThrough(0);
    expect(await status()).toBe("operational");

    for (const i of [1, 2]) await round(i, ["down", "down", "up"]);
    await evaluateThrough(2);
    expect(await status()).toBe("operational");

    await round(3, ["down", "down", "down"]);
    const summary = await evaluateThrough(3);
    expect(summary.statusChanges).toEqual([
      { componentRegionId, from: "operational", to: "major_outage", at: new Date(T0 + 1 * INTERVAL * 1000) },
    ]);
    expect(await status()).toBe("major_outage");

    const change = await t.db.statusChange.findFirstOrThrow({ where: { componentRegionId, toStatus: "major_outage" } });
    expect(change.evidence).toMatchObject({
      vantagesReporting: 3,
      failing: expect.arrayContaining([
        expect.objectContaining({ vantage: "vantage-0.gcp", error: "expected status 200, got 503" }),
      ]),
    });
  });

  it("never turns one failing vantage or one failed round into a major outage", async () => {
    await round(0, ["up", "up", "up"]);
    await round(1, ["down", "down", "down"]);
    for (const i of [2, 3, 4, 5, 6]) await round(i, ["down", "up", "up"]);
    await evaluateThrough(6);
    expect(await status()).toBe("partial_outage");
    const history = await t.db.statusChange.findMany({ where: { componentRegionId }, orderBy: { at: "asc" } });
    expect(history.map((h) => h.toStatus)).toEqual(["operational", "partial_outage"]);
  });

  it("judges across evaluations whether the same vantages keep failing: a majority that moves is a partial outage", async () => {
    await round(0, ["up", "up", "up"]);
    await evaluateThrough(0);
    const moving: ("up" | "down")[][] = [
      ["down", "down", "up"],
      ["up", "down", "down"],
      ["down", "up", "down"],
    ];
    for (const i of [1, 2, 3, 4, 5, 6]) {
      await round(i, moving[(i - 1) % 3]!);
      await evaluateThrough(i);
    }
    const history = await t.db.statusChange.findMany({ where: { componentRegionId }, orderBy: { at: "asc" } });
    expect(history.map((h) => h.toStatus)).toEqual(["operational", "partial_outage"]);
  });

  it("damps a flapping check: after its first outage it holds a partial outage, remembering rounds between evaluations", async () => {
    const cycle: ("up" | "down")[] = ["down", "down", "down", "down", "up", "up", "up", "up"];
    for (let i = 0; i < 32; i++) {
      const outcome = i < 4 ? "up" : cycle[(i - 4) % 8]!;
      await round(i, [outcome, outcome, outcome]);
      await evaluateThrough(i);
    }
    const history = await t.db.statusChange.findMany({ where: { componentRegionId }, orderBy: { at: "asc" } });
    expect(history.map((h) => h.toStatus)).toEqual(["operational", "major_outage", "operational", "partial_outage"]);
    expect(await status()).toBe("partial_outage");
    const state = await t.db.probeState.findUniqueOrThrow({ where: { probeId } });
    expect(state.recentVerdicts).toHaveLength(16);
  });

  it("recovers after K good rounds and records when", async () => {
    for (const i of [0, 1, 2]) await round(i, ["down", "down", "down"]);
    await evaluateThrough(2);
    expect(await status()).toBe("major_outage");
    for (const i of [3, 4]) await round(i, ["up", "up", "up"]);
    await evaluateThrough(4);
    expect(await status()).toBe("major_outage");
    await round(5, ["up", "up", "up"]);
    const summary = await evaluateThrough(5);
    expect(summary.statusChanges).toEqual([
      { componentRegionId, from: "major_outage", to: "operational", at: new Date(T0 + 3 * INTERVAL * 1000) },
    ]);
  });

  it("says nothing is known once every vantage falls silent", async () => {
    await round(0, ["up", "up", "up"]);
    await evaluateThrough(0);
    const summary = await evaluateThrough(3);
    expect(summary.statusChanges).toEqual([
      { componentRegionId, from: "operational", to: null, at: new Date(T0 + 1 * INTERVAL * 1000) },
    ]);
    expect(await status()).toBeNull();
  });

  it("evaluates each round once, however often it runs", async () => {
    await round(0, ["up", "up", "up"]);
    const first = await evaluateThrough(0);
    const again = await evaluateThrough(0);
    expect(first.rounds).toBeGreaterThan(0);
    expect(again.statusChanges).toEqual([]);
    expect(await t.db.statusChange.count({ where: { componentRegionId } })).toBe(1);
  });
});
