// Agents in five vantages push at the same moment, each its own batch over the
// same component-regions, while the evaluator confirms status changes on all
// of them: every push must be accepted (no deadlock, no 500 to an agent) and
// every result stored once. Ingest locks ComponentRegion rows in id order and
// the evaluator updates them in that order (lib/monitoring/ingest-results.ts).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateDueRounds, ROUND_GRACE_MS } from "../../lib/monitoring/evaluate-rounds.ts";
import { ingestResults } from "../../lib/monitoring/ingest-results.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";

const VANTAGES = 5;
const COMPONENT_REGIONS = 40;
const ROUNDS = 48;
const INTERVAL_S = 10;
const T0 = Date.parse("2026-11-22T10:00:00Z");

let t: TestDatabase;
let vantages: { id: string }[];
let probes: { id: string; componentRegionId: string }[];

beforeAll(async () => {
  t = await createTestDatabase();
  vantages = await Promise.all(
    Array.from({ length: VANTAGES }, (_, i) => makeRegion(t.db, { key: `v${i}.gcp`, sortOrder: i })),
  );
  const product = await makeProduct(t.db);
  probes = [];
  for (let i = 0; i < COMPONENT_REGIONS; i++) {
    const component = await makeComponent(t.db, product.id);
    const cr = await makeComponentRegion(t.db, component.id, vantages[i % VANTAGES]!.id);
    const probe = await t.db.probe.create({
      data: {
        componentRegionId: cr.id,
        name: "health",
        kind: "http",
        target: "http://x",
        intervalSeconds: INTERVAL_S,
        timeoutMs: 1000,
        confirmRounds: 3,
        quorum: 2,
      },
      select: { id: true, componentRegionId: true },
    });
    probes.push(probe);
  }
});
afterAll(() => t?.drop());

/** A seeded shuffle, so that each agent's batch lists the probes in its own order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("concurrent ingest and evaluation", () => {
  it("accepts every agent's push while all of them and the evaluator write the same component-regions at once", async () => {
    const failures: unknown[] = [];
    let accepted = 0;
    let expected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Every component-region goes down for 4 rounds and up for 4, so the evaluator changes all of them together.
      const outcome = Math.floor(round / 4) % 2 === 1 ? "down" : "up";
      const pushes = vantages.map((vantage, v) => {
        expected += COMPONENT_REGIONS - ((round + v) % 4) * 7;
        return ingestResults(
          t.db,
          { vantageRegionId: vantage.id, agentId: null },
          {
            // Each agent's batch holds its own share of the probes (some wait on an earlier push), in its own order.
            results: shuffled(probes, round * VANTAGES + v + 1)
              .slice(0, COMPONENT_REGIONS - ((round + v) % 4) * 7)
              .map((p) => ({
                id: randomUUID(),
                probeId: p.id,
                checkedAt: new Date(T0 + round * INTERVAL_S * 1000 + 1000 + v * 100).toISOString(),
                outcome,
                latencyMs: 40,
                statusCode: outcome === "up" ? 200 : 503,
                error: outcome === "up" ? null : "expected status 200, got 503",
              })),
          },
          new Date(T0 + 86_400_000),
        ).then(
          (r) => {
            accepted += r.accepted;
          },
          (error: unknown) => failures.push(error),
        );
      });
      const evaluation = evaluateDueRounds(t.db, new Date(T0 + round * INTERVAL_S * 1000 + ROUND_GRACE_MS)).catch(
        (error: unknown) => failures.push(error),
      );
      await Promise.all([...pushes, evaluation]);
    }
    expect(failures.map(String)).toEqual([]);
    expect(accepted).toBe(expected);
    const [row] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "CheckResult"`;
    expect(row?.n).toBe(expected);
    // The evaluator did see the outages: the writes it made are the ones that could have deadlocked.
    const changes = await t.db.statusChange.count({ where: { toStatus: "major_outage" } });
    expect(changes).toBeGreaterThanOrEqual(COMPONENT_REGIONS / 2);
  });
});
