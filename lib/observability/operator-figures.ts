// What /metrics reads from PostgreSQL at scrape time: the state of work that
// may run in another process or on another replica (the worker, the sender,
// the agents), so every replica shows the same, current figures. Each is one
// small query over an index or a handful of rows.
import type { Db } from "../db.ts";
import { ROUND_GRACE_MS } from "../monitoring/evaluate-rounds.ts";
import { workerLeaseHeld } from "../monitoring/worker-lease.ts";

export interface OutboxFigures {
  outbox: "subscribers" | "staff";
  /** Messages waiting or being sent. */
  depth: number;
  /** Age of the oldest of them; 0 when there are none. */
  oldestAgeSeconds: number;
}

export interface AgentFigures {
  agent: string;
  region: string;
  lastPushAt: Date | null;
  bufferedResults: number | null;
}

export interface OperatorFigures {
  outboxes: OutboxFigures[];
  /** How long the most overdue closed probe round has waited to be evaluated; 0 when none is overdue. */
  evaluatorLagSeconds: number;
  agents: AgentFigures[];
  /** MetricCounter rows: key → running total. */
  counters: Map<string, number>;
  /** Some replica holds the worker lease (a session-level advisory lock). */
  workerLeaseHeld: boolean;
}

export async function readOutboxes(db: Db, now: Date): Promise<OutboxFigures[]> {
  const rows = await db.$queryRaw<{ outbox: "subscribers" | "staff"; depth: number; oldest: Date | null }[]>`
    SELECT 'subscribers' AS outbox, count(*)::int AS depth, min("createdAt") AS oldest
      FROM "Notification" WHERE "state" IN ('pending', 'sending')
    UNION ALL
    SELECT 'staff', count(*)::int, min("createdAt")
      FROM "StaffMail" WHERE "state" IN ('pending', 'sending')`;
  return rows.map((r) => ({
    outbox: r.outbox,
    depth: r.depth,
    oldestAgeSeconds: r.oldest ? Math.max(0, (now.getTime() - r.oldest.getTime()) / 1000) : 0,
  }));
}

/**
 * A probe's next round is due for evaluation once it has closed: its start +
 * interval + timeout + grace. Lag is how far past that the most overdue
 * enabled probe is (the evaluator runs every 2 s, so a healthy one stays
 * within a few seconds).
 */
export async function readEvaluatorLag(db: Db, now: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ due: Date | null }[]>`
    SELECT min(s."lastRoundStart" + make_interval(secs => 2 * p."intervalSeconds" + (p."timeoutMs" + ${ROUND_GRACE_MS}) / 1000.0)) AS due
      FROM "Probe" p JOIN "ProbeState" s ON s."probeId" = p."id"
     WHERE p."enabled" AND s."lastRoundStart" IS NOT NULL`;
  return row?.due ? Math.max(0, (now.getTime() - row.due.getTime()) / 1000) : 0;
}

export async function readAgents(db: Db): Promise<AgentFigures[]> {
  const rows = await db.probeAgent.findMany({
    where: { revokedAt: null },
    select: { name: true, lastPushAt: true, bufferedResults: true, region: { select: { key: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    agent: r.name,
    region: r.region.key,
    lastPushAt: r.lastPushAt,
    bufferedResults: r.bufferedResults,
  }));
}

export async function readCounters(db: Db): Promise<Map<string, number>> {
  const rows = await db.metricCounter.findMany({ select: { key: true, value: true } });
  return new Map(rows.map((r) => [r.key, Number(r.value)]));
}

export async function readOperatorFigures(db: Db, now: Date): Promise<OperatorFigures> {
  const [outboxes, evaluatorLagSeconds, agents, counters, held] = await Promise.all([
    readOutboxes(db, now),
    readEvaluatorLag(db, now),
    readAgents(db),
    readCounters(db),
    workerLeaseHeld(db),
  ]);
  return { outboxes, evaluatorLagSeconds, agents, counters, workerLeaseHeld: held };
}
