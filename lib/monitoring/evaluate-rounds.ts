// Turns closed probe rounds into confirmed statuses. Runs every few seconds in
// the server; an advisory lock lets exactly one replica do it at a time.
import type { Db } from "../db.ts";
import {
  type ConfirmationState,
  componentRegionProbeStatus,
  confirmRound,
  evidenceWindow,
  INITIAL_CONFIRMATION,
  type RoundVerdict,
  roundInput,
  roundStart,
  type VantageObservation,
} from "../domain/confirmation.ts";
import type { CheckOutcome, ComponentStatus } from "../generated/prisma/enums.ts";
import { announcePublicChange } from "../public/changes.ts";

/** A round closes this long after its end (plus the probe's timeout), so late pushes still count. */
export const ROUND_GRACE_MS = 5_000;
/** After downtime of the evaluator, older rounds are skipped rather than replayed. */
export const MAX_CATCH_UP_ROUNDS = 20;
const EVALUATOR_LOCK = 7_310_001;

interface ProbeRow {
  id: string;
  componentRegionId: string;
  intervalSeconds: number;
  timeoutMs: number;
  confirmRounds: number;
  quorum: number;
  state: {
    confirmedStatus: ComponentStatus | null;
    confirmedSince: Date | null;
    recentVerdicts: RoundVerdict[];
    silentRounds: number;
    lastRoundStart: Date | null;
  } | null;
}

interface ResultRow {
  probeId: string;
  vantageRegionId: string;
  checkedAt: Date;
  outcome: CheckOutcome;
  error: string | null;
}

interface ProbeChange {
  at: Date;
  probeId: string;
  to: ComponentStatus | null;
  evidence: Record<string, unknown>;
}

export interface EvaluationSummary {
  rounds: number;
  statusChanges: { componentRegionId: string; from: ComponentStatus | null; to: ComponentStatus | null; at: Date }[];
}

function roundsToEvaluate(probe: ProbeRow, now: Date): Date[] {
  const intervalMs = probe.intervalSeconds * 1000;
  const lastDue = roundStart(
    new Date(now.getTime() - intervalMs - probe.timeoutMs - ROUND_GRACE_MS),
    probe.intervalSeconds,
  ).getTime();
  const earliest = lastDue - (MAX_CATCH_UP_ROUNDS - 1) * intervalMs;
  const next = probe.state?.lastRoundStart ? probe.state.lastRoundStart.getTime() + intervalMs : earliest;
  const rounds: Date[] = [];
  for (let start = Math.max(next, earliest); start <= lastDue; start += intervalMs) rounds.push(new Date(start));
  return rounds;
}

/** The latest result of each vantage in one round. */
function latestByVantage(rows: readonly ResultRow[]): Map<string, ResultRow> {
  const latest = new Map<string, ResultRow>();
  for (const row of rows) {
    const seen = latest.get(row.vantageRegionId);
    if (!seen || row.checkedAt > seen.checkedAt) latest.set(row.vantageRegionId, row);
  }
  return latest;
}

const observationsOf = (latest: Map<string, ResultRow>): VantageObservation[] =>
  [...latest.values()].map((r) => ({ vantage: r.vantageRegionId, outcome: r.outcome }));

/**
 * Pure: folds a probe's closed rounds into its state, noting each change.
 * `resultsByRound` also holds the 2K−1 rounds before the first, already
 * evaluated: whether the same vantages keep failing is judged over them.
 */
export function foldRounds(
  probe: ProbeRow,
  rounds: readonly Date[],
  resultsByRound: Map<number, ResultRow[]>,
  vantageKey: (id: string) => string,
): { state: ConfirmationState; since: Date | null; changes: ProbeChange[] } {
  let state: ConfirmationState = probe.state
    ? {
        confirmed: probe.state.confirmedStatus,
        recent: probe.state.recentVerdicts,
        silentRounds: probe.state.silentRounds,
      }
    : INITIAL_CONFIRMATION;
  let since = probe.state?.confirmedSince ?? null;
  const changes: ProbeChange[] = [];
  const intervalMs = probe.intervalSeconds * 1000;
  const k = Math.max(1, probe.confirmRounds);
  const span = evidenceWindow(k);
  for (const start of rounds) {
    const window = Array.from({ length: span }, (_, i) =>
      latestByVantage(resultsByRound.get(start.getTime() - (span - 1 - i) * intervalMs) ?? []),
    );
    const latest = window.at(-1)!;
    const step = confirmRound(state, roundInput(window.map(observationsOf), probe.quorum), k);
    if (step.change) {
      // The status held from the first round of the evidence that confirmed it.
      const at = new Date(Math.max(start.getTime() - (step.change.rounds - 1) * intervalMs, since?.getTime() ?? 0));
      const failing = [...latest.values()].filter((r) => r.outcome !== "up");
      changes.push({
        at,
        probeId: probe.id,
        to: step.change.to,
        evidence: {
          probeId: probe.id,
          round: start.toISOString(),
          verdicts: step.state.recent.slice(-step.change.rounds),
          vantagesReporting: latest.size,
          failing: failing.map((r) => ({
            vantage: vantageKey(r.vantageRegionId),
            outcome: r.outcome,
            error: r.error,
            checkedAt: r.checkedAt.toISOString(),
          })),
        },
      });
      since = at;
    }
    state = step.state;
  }
  return { state, since, changes };
}

export async function evaluateDueRounds(db: Db, now: Date): Promise<EvaluationSummary> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(${EVALUATOR_LOCK}) AS locked`,
      );
      if (!lock?.locked) return { rounds: 0, statusChanges: [] };

      const probes: ProbeRow[] = await tx.probe.findMany({
        where: { enabled: true },
        select: {
          id: true,
          componentRegionId: true,
          intervalSeconds: true,
          timeoutMs: true,
          confirmRounds: true,
          quorum: true,
          state: true,
        },
      });
      const plan = probes
        .map((probe) => ({ probe, rounds: roundsToEvaluate(probe, now) }))
        .filter((p) => p.rounds.length > 0);
      if (plan.length === 0) return { rounds: 0, statusChanges: [] };

      // From the start of each probe's evidence window: whether the same vantages keep failing is judged over it.
      const from = new Date(
        Math.min(
          ...plan.map(
            (p) =>
              p.rounds[0]!.getTime() - (evidenceWindow(p.probe.confirmRounds) - 1) * p.probe.intervalSeconds * 1000,
          ),
        ),
      );
      const to = new Date(Math.max(...plan.map((p) => p.rounds.at(-1)!.getTime() + p.probe.intervalSeconds * 1000)));
      const rows = await tx.checkResult.findMany({
        where: { probeId: { in: plan.map((p) => p.probe.id) }, checkedAt: { gte: from, lt: to } },
        select: { probeId: true, vantageRegionId: true, checkedAt: true, outcome: true, error: true },
      });
      const regions = new Map(
        (await tx.region.findMany({ select: { id: true, key: true } })).map((r) => [r.id, r.key]),
      );
      const byProbeRound = new Map<string, Map<number, ResultRow[]>>();
      const intervalOf = new Map(plan.map((p) => [p.probe.id, p.probe.intervalSeconds]));
      for (const row of rows) {
        const round = roundStart(row.checkedAt, intervalOf.get(row.probeId)!).getTime();
        const rounds = byProbeRound.get(row.probeId) ?? new Map<number, ResultRow[]>();
        rounds.set(round, [...(rounds.get(round) ?? []), row]);
        byProbeRound.set(row.probeId, rounds);
      }

      const probeStatus = new Map(probes.map((p) => [p.id, p.state?.confirmedStatus ?? null]));
      const changes: ProbeChange[] = [];
      let roundCount = 0;
      for (const { probe, rounds } of plan) {
        const folded = foldRounds(
          probe,
          rounds,
          byProbeRound.get(probe.id) ?? new Map(),
          (id) => regions.get(id) ?? id,
        );
        roundCount += rounds.length;
        changes.push(...folded.changes);
        const data = {
          confirmedStatus: folded.state.confirmed,
          confirmedSince: folded.since,
          recentVerdicts: folded.state.recent,
          silentRounds: folded.state.silentRounds,
          lastRoundStart: rounds.at(-1)!,
        };
        await tx.probeState.upsert({
          where: { probeId: probe.id },
          create: { probeId: probe.id, ...data },
          update: data,
        });
      }

      // Replay probe changes in time order to get each component-region's timeline.
      const componentRegions = await tx.componentRegion.findMany({
        where: {
          id: { in: [...new Set(changes.map((c) => probes.find((p) => p.id === c.probeId)!.componentRegionId))] },
        },
        select: { id: true, probeStatus: true, probes: { select: { id: true } } },
        // Updated in id order, the order ingest locks them in (ingest-results.ts): no deadlock between the two.
        orderBy: { id: "asc" },
      });
      const statusChanges: EvaluationSummary["statusChanges"] = [];
      for (const cr of componentRegions) {
        const probeIds = new Set(cr.probes.map((p) => p.id));
        let current = cr.probeStatus;
        let since: Date | null = null;
        for (const change of changes
          .filter((c) => probeIds.has(c.probeId))
          .sort((a, b) => a.at.getTime() - b.at.getTime())) {
          probeStatus.set(change.probeId, change.to);
          const next = componentRegionProbeStatus(cr.probes.map((p) => probeStatus.get(p.id) ?? null));
          if (next === current) continue;
          await tx.statusChange.create({
            data: {
              componentRegionId: cr.id,
              at: change.at,
              source: "probes",
              fromStatus: current,
              toStatus: next,
              evidence: change.evidence as object,
            },
          });
          statusChanges.push({ componentRegionId: cr.id, from: current, to: next, at: change.at });
          current = next;
          since = change.at;
        }
        if (since)
          await tx.componentRegion.update({
            where: { id: cr.id },
            data: { probeStatus: current, probeStatusSince: since },
          });
      }
      if (statusChanges.length > 0)
        await announcePublicChange(tx, `status of ${statusChanges.length} component-regions`);
      return { rounds: roundCount, statusChanges };
    },
    { timeout: 60_000 },
  );
}
