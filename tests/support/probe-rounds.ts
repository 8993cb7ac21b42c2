// Drives the real monitoring path for incident tests: one probe per
// ComponentRegion, check results pushed through ingest round by round from
// each vantage, then the worker's cycle (evaluate, advance maintenance, detect).
import { randomUUID } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import { ROUND_GRACE_MS } from "../../lib/monitoring/evaluate-rounds.ts";
import { ingestResults } from "../../lib/monitoring/ingest-results.ts";

export const INTERVAL_S = 10;
const TIMEOUT_MS = 1000;

export type Outcome = "up" | "degraded" | "down";

export interface ProbeRounds {
  /** Start of round `index`. */
  roundStart(index: number): Date;
  /** When everything up to the end of round `index` has closed. */
  closedAfter(index: number): Date;
  /** One round: per ComponentRegion, one outcome per vantage (in vantage order). */
  round(index: number, outcomes: Record<string, Outcome[]>): Promise<void>;
}

export async function makeProbeRounds(
  db: Db,
  t0: Date,
  componentRegionIds: string[],
  vantageRegionIds: string[],
): Promise<ProbeRounds> {
  const probes = new Map<string, string>();
  for (const componentRegionId of componentRegionIds) {
    const probe = await db.probe.create({
      data: {
        componentRegionId,
        name: "health",
        kind: "http",
        target: "http://x",
        intervalSeconds: INTERVAL_S,
        timeoutMs: TIMEOUT_MS,
        confirmRounds: 3,
        quorum: 2,
      },
    });
    probes.set(componentRegionId, probe.id);
  }
  const roundStart = (index: number) => new Date(t0.getTime() + index * INTERVAL_S * 1000);
  return {
    roundStart,
    closedAfter: (index) => new Date(roundStart(index + 1).getTime() + TIMEOUT_MS + ROUND_GRACE_MS),
    async round(index, outcomes) {
      for (const [componentRegionId, perVantage] of Object.entries(outcomes)) {
        const probeId = probes.get(componentRegionId);
        if (!probeId) throw new Error(`no probe on ${componentRegionId}`);
        for (const [v, outcome] of perVantage.entries()) {
          const checkedAt = new Date(roundStart(index).getTime() + 2000 + v * 100).toISOString();
          const error = outcome === "down" ? "expected status 200, got 503" : null;
          await ingestResults(
            db,
            { vantageRegionId: vantageRegionIds[v]!, agentId: null },
            {
              results: [
                {
                  id: randomUUID(),
                  probeId,
                  checkedAt,
                  outcome,
                  latencyMs: 40,
                  statusCode: outcome === "down" ? 503 : 200,
                  error,
                },
              ],
            },
            new Date(t0.getTime() + 86_400_000),
          );
        }
      }
    },
  };
}
