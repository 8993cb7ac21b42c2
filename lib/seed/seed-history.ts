// Writes the demo's past: 90 days of check results streamed through the real
// ingest (so rollups come from the same code as live results), the status
// history they imply, and a completed maintenance window. The incidents are
// modelled on real commerce outages: a database, a network path, a CDN, a deploy.
import type { Db } from "../db.ts";
import { ingestResults, MAX_BATCH } from "../monitoring/ingest-results.ts";
import {
  buildHistoryPlan,
  type HistoryIncidentSpec,
  type HistoryMaintenanceSpec,
  type HistoryPlan,
  type PlannedResult,
  resultsForRounds,
  seededRandom,
} from "./history-plan.ts";

export const DEFAULT_HISTORY_SEED = 20_261_122;

export const DEMO_HISTORY_INCIDENTS: readonly HistoryIncidentSpec[] = [
  {
    key: "checkout-database-failure",
    componentKey: "checkout",
    regions: ["us-central1.gcp"],
    status: "major_outage",
    startDaysAgo: 12.4,
    durationMinutes: 120,
    reason: "checkout's primary database in us-central1 failed; orders could not be written",
    recovery: "failed over to the standby database; checkout recovered",
    failure: { statusCode: 503, error: "expected status 200, got 503" },
  },
  {
    key: "search-network-path",
    componentKey: "search",
    regions: ["europe-west1.gcp"],
    status: "partial_outage",
    startDaysAgo: 30.6,
    durationMinutes: 45,
    reason: "a transit provider dropped the network path from us-east-2.aws to search in europe-west1",
    recovery: "traffic was routed around the failing transit provider",
    failure: { statusCode: null, error: "connection timed out" },
    failingVantage: "us-east-2.aws",
  },
  {
    key: "merchant-center-cdn",
    componentKey: "merchant-center",
    regions: "all",
    status: "major_outage",
    startDaysAgo: 60.2,
    durationMinutes: 60,
    reason: "a CDN configuration push broke Merchant Center in every region",
    recovery: "the CDN configuration was rolled back",
    failure: { statusCode: 502, error: "expected status 200, got 502" },
  },
  {
    key: "carts-orders-slow-deploy",
    componentKey: "carts-orders-api",
    regions: ["eu-central-1.aws"],
    status: "degraded_performance",
    startDaysAgo: 5.3,
    durationMinutes: 180,
    reason: "a deploy without its new index slowed order queries in eu-central-1",
    recovery: "the index was built and order queries are fast again",
  },
];

export const DEMO_HISTORY_MAINTENANCES: readonly HistoryMaintenanceSpec[] = [
  {
    key: "products-api-database-upgrade",
    componentKey: "products-api",
    regionKey: "eu-central-1.aws",
    startDaysAgo: 20.1,
    durationMinutes: 120,
    title: "Products API database upgrade in Frankfurt",
    description: "We are upgrading the Products API database in eu-central-1. Requests may be slower than usual.",
  },
];

export interface SeedHistoryOptions {
  now: Date;
  days?: number;
  cadenceMinutes?: number;
  seed?: number;
  /** Defaults to the demo's incidents and maintenance; those that do not fit in `days` are left out. */
  incidents?: readonly HistoryIncidentSpec[];
  maintenances?: readonly HistoryMaintenanceSpec[];
  /** Batches in flight at once; the database client needs as many connections. */
  concurrency?: number;
}

export type SeedHistoryOutcome =
  | { seeded: false; reason: string }
  | {
      seeded: true;
      days: number;
      results: number;
      statusChanges: number;
      incidents: string[];
      maintenances: string[];
      leftOut: string[];
    };

export async function seedHistory(db: Db, options: SeedHistoryOptions): Promise<SeedHistoryOutcome> {
  const [result, change] = await Promise.all([
    db.checkResult.findFirst({ select: { id: true } }),
    db.statusChange.findFirst({ select: { id: true } }),
  ]);
  if (result || change) return { seeded: false, reason: "the database already has check results or status changes" };

  const plan = buildHistoryPlan({
    ...(await historySubjects(db)),
    now: options.now,
    days: options.days,
    cadenceMinutes: options.cadenceMinutes,
    random: seededRandom(options.seed ?? DEFAULT_HISTORY_SEED),
    incidents: options.incidents ?? DEMO_HISTORY_INCIDENTS,
    maintenances: options.maintenances ?? DEMO_HISTORY_MAINTENANCES,
  });
  const results = await ingestPlan(db, plan, options.now, options.concurrency ?? 2);
  await writeStatusHistory(db, plan);
  return {
    seeded: true,
    days: (plan.rounds * plan.cadenceMs) / 86_400_000,
    results,
    statusChanges: plan.statusChanges.length,
    incidents: plan.incidents.map((i) => i.spec.key),
    maintenances: plan.maintenances.map((m) => m.spec.key),
    leftOut: plan.leftOut,
  };
}

/** Component-regions with their first probe, and every region as a vantage, in a stable order. */
async function historySubjects(db: Db) {
  const [componentRegions, regions] = await Promise.all([
    db.componentRegion.findMany({
      select: {
        id: true,
        component: { select: { key: true } },
        region: { select: { key: true } },
        probes: { select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1 },
      },
    }),
    db.region.findMany({ select: { id: true, key: true }, orderBy: { key: "asc" } }),
  ]);
  const subjects = componentRegions
    .filter((cr) => cr.probes.length > 0)
    .map((cr) => ({ id: cr.id, componentKey: cr.component.key, regionKey: cr.region.key, probeId: cr.probes[0]!.id }))
    .sort((a, b) => (`${a.componentKey}|${a.regionKey}` < `${b.componentKey}|${b.regionKey}` ? -1 : 1));
  return { componentRegions: subjects, vantages: regions };
}

/**
 * Streams the plan a slice of rounds at a time, one batch per vantage, so memory
 * stays flat. Concurrent slices share few rollup rows, so they rarely wait on each other.
 */
async function ingestPlan(db: Db, plan: HistoryPlan, now: Date, concurrency: number): Promise<number> {
  const roundsPerSlice = Math.max(1, Math.floor(MAX_BATCH / Math.max(1, plan.componentRegions.length)));
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    try {
      await ingestSlices();
    } catch (error) {
      next = plan.rounds; // the other workers stop after their current batch
      throw error;
    }
  };
  const ingestSlices = async () => {
    for (let round = next; round < plan.rounds; round = next) {
      next += roundsPerSlice;
      const byVantage = new Map<string, PlannedResult["result"][]>();
      for (const { vantageRegionId, result } of resultsForRounds(plan, round, round + roundsPerSlice)) {
        const batch = byVantage.get(vantageRegionId) ?? [];
        batch.push(result);
        byVantage.set(vantageRegionId, batch);
      }
      for (const [vantageRegionId, batch] of byVantage) {
        for (let i = 0; i < batch.length; i += MAX_BATCH) {
          const outcome = await ingestResults(
            db,
            { vantageRegionId, agentId: null },
            { results: batch.slice(i, i + MAX_BATCH) },
            now,
          );
          accepted += outcome.accepted;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return accepted;
}

/** Status changes, maintenance and each component-region's current status, in one transaction. */
async function writeStatusHistory(db: Db, plan: HistoryPlan): Promise<void> {
  const last = new Map(plan.statusChanges.map((c) => [c.componentRegionId, c]));
  await db.$transaction(
    async (tx) => {
      await tx.statusChange.createMany({
        data: plan.statusChanges.map(({ evidence, ...c }) => ({ ...c, evidence: { ...evidence } })),
      });
      for (const m of plan.maintenances) {
        await tx.maintenance.create({
          data: {
            title: m.spec.title,
            description: m.spec.description,
            status: "completed",
            scheduledStart: m.from,
            scheduledEnd: m.to,
            startedAt: m.from,
            completedAt: m.to,
            createdAt: new Date(m.from.getTime() - 7 * 86_400_000),
            componentRegions: { create: [{ componentRegionId: m.componentRegionId }] },
            updates: {
              create: [
                {
                  status: "scheduled",
                  message: m.spec.description,
                  createdAt: new Date(m.from.getTime() - 7 * 86_400_000),
                },
                { status: "in_progress", message: "The maintenance has started.", createdAt: m.from },
                {
                  status: "completed",
                  message: "The maintenance is complete and everything works as usual.",
                  createdAt: m.to,
                },
              ],
            },
          },
        });
      }
      for (const [componentRegionId, c] of last) {
        await tx.componentRegion.update({
          where: { id: componentRegionId },
          data: { probeStatus: c.toStatus, probeStatusSince: c.at },
        });
      }
    },
    { timeout: 60_000 },
  );
}
