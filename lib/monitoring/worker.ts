// The server's background work: every few seconds, closing probe rounds,
// starting and ending maintenance windows on time, and turning confirmed
// outages into proposals for engineers; every hour, expiring raw results,
// reminding owners of action items, and issuing SLA statements of closed months.
// With a database URL it runs only on the replica that holds the worker lease
// (worker-lease.ts), so each tick and each job slot runs once across replicas.
// Under it, still safe to overlap: the evaluator and detection take advisory
// locks, maintenance moves claim a version, deletes are idempotent, and the
// hourly jobs write under deterministic keys (one reminder per item and day,
// one digest per person and week, one statement per contract, month and revision).
import cron from "node-cron";
import type { Db } from "../db.ts";
import { evaluateEarlyWarningsIfDue } from "../early-warning/evaluate-early-warnings.ts";
import { detectIncidents } from "../incidents/detect-incidents.ts";
import { advanceMaintenances } from "../maintenance/advance-maintenances.ts";
import { startFanOut } from "../notifications/fan-out.ts";
import { sendActionItemReminders, sendOverdueDigest } from "../postmortems/reminders.ts";
import { purgeExpired } from "../retention/purge-expired.ts";
import { issueDueStatements } from "../sla/issue-statements.ts";
import { evaluateBurnAlertsIfDue } from "../slo/evaluate-burn-alerts.ts";
import { evaluateDueRounds } from "./evaluate-rounds.ts";
import { logError } from "../observability/log.ts";
import { dropExpiredResults, prepareResultPartitions } from "./result-partitions.ts";
import { holdWorkerLease, type WorkerLease } from "./worker-lease.ts";

export const EVALUATE_EVERY_MS = 2_000;
export const RETENTION_SCHEDULE = "17 * * * *";

/** Hourly, so that a restart never skips a day; the jobs' keys make a second run a no-op. */
export const SCHEDULED_JOBS: readonly {
  name: string;
  schedule: string;
  run: (db: Db, now: Date) => Promise<unknown>;
}[] = [
  { name: "action-item reminders", schedule: "7 * * * *", run: sendActionItemReminders },
  // The weekly digest goes out with the first run on Monday (UTC).
  { name: "overdue action-item digest", schedule: "13 * * * 1", run: sendOverdueDigest },
  { name: "SLA statement issuing", schedule: "23 * * * *", run: issueDueStatements },
  // Expired pending subscriptions, sessions, sign-in links and rate buckets (lib/retention/purge-expired.ts).
  { name: "purge of expired records", schedule: "41 * * * *", run: purgeExpired },
  // Day partitions of raw results a week ahead (lib/monitoring/result-partitions.ts); also run at start.
  { name: "check result partitions", schedule: "3 * * * *", run: prepareResultPartitions },
];

export interface MonitoringWorker {
  stop(): Promise<void>;
}

export interface MonitoringWorkerOptions {
  retentionDays: number;
  /** Propose incidents for tier-2 components too; defaults to DETECT_TIER_2. */
  detectTier2?: boolean;
  log?: (line: string) => void;
  /** Take the worker lease on this database, and work only while holding it. Without: this process is the only worker. */
  databaseUrl?: string;
  /** Run every scheduled job (and retention) on this cron expression instead of its own; for drills and tests. */
  jobSchedule?: string;
}

/**
 * One tick: evaluate closed rounds, move maintenance windows (so that one
 * starting now already shields its ComponentRegions), then detect. Each
 * step's failure is logged and does not stop the next.
 */
export async function runMonitoringCycle(
  db: Db,
  now: Date,
  options: Pick<MonitoringWorkerOptions, "detectTier2" | "log"> & {
    /** Evaluate error-budget burn-rate alerts too (lib/slo); the worker does, callers testing detection alone do not. */
    burnAlerts?: boolean;
  } = {},
): Promise<void> {
  const log = options.log ?? (() => {});
  try {
    const summary = await evaluateDueRounds(db, now);
    for (const change of summary.statusChanges)
      log(`status ${change.componentRegionId}: ${change.from ?? "unknown"} → ${change.to ?? "unknown"}`);
  } catch (error) {
    logError("evaluating probe rounds failed", error);
  }
  try {
    const moved = await advanceMaintenances(db, now);
    for (const id of moved.started) log(`maintenance ${id} started`);
    for (const id of moved.completed) log(`maintenance ${id} completed`);
  } catch (error) {
    logError("advancing maintenance failed", error);
  }
  try {
    const detection = await detectIncidents(db, now, { tier2: options.detectTier2 });
    for (const id of detection.proposed) log(`proposed incident ${id}`);
    for (const id of detection.dismissed) log(`withdrew proposal ${id}: recovered before approval`);
  } catch (error) {
    logError("detecting incidents failed", error);
  }
  if (options.burnAlerts)
    try {
      const burns = await evaluateBurnAlertsIfDue(db, now);
      for (const id of burns?.fired ?? []) log(`burn-rate alert ${id} fired`);
      for (const id of burns?.resolved ?? []) log(`burn-rate alert ${id} resolved`);
      for (const id of burns?.proposed ?? []) log(`proposed incident ${id} for a burn-rate page`);
    } catch (error) {
      logError("evaluating burn-rate alerts failed", error);
    }
  try {
    const warnings = await evaluateEarlyWarningsIfDue(db, now);
    for (const key of warnings?.raised ?? []) log(`early warning raised: ${key}`);
    for (const key of warnings?.cleared ?? []) log(`early warning cleared: ${key}`);
  } catch (error) {
    logError("evaluating early warnings failed", error);
  }
}

export function startMonitoringWorker(db: Db, options: MonitoringWorkerOptions): MonitoringWorker {
  const log = options.log ?? (() => {});
  let running: Promise<void> | null = null;
  let stopped = false;
  let issuing: Promise<unknown> = Promise.resolve();
  // Statements of a month that closed while no worker ran are issued when the lease is taken, not an hour later.
  const issueAtStart = () => {
    issuing = issueDueStatements(db, new Date()).catch((error: unknown) =>
      logError("SLA statement issuing failed", error),
    );
  };
  const lease: WorkerLease | null = options.databaseUrl
    ? holdWorkerLease(options.databaseUrl, { log, onAcquired: issueAtStart })
    : null;
  const leading = () => !stopped && (lease ? lease.held : true);

  const tick = () => {
    if (running || !leading()) return;
    running = runMonitoringCycle(db, new Date(), { detectTier2: options.detectTier2, log, burnAlerts: true }).finally(
      () => {
        running = null;
      },
    );
  };
  const timer = setInterval(tick, EVALUATE_EVERY_MS);
  timer.unref();
  // New events' outbox rows, and any a crash left half-written; safe on every replica (row locks).
  const fanOut = startFanOut(db);
  const partitioning = prepareResultPartitions(db, new Date()).catch((error: unknown) =>
    logError("check result partitions failed", error),
  );

  const scheduled = (name: string, schedule: string, run: (now: Date) => Promise<unknown>) =>
    cron.schedule(options.jobSchedule ?? schedule, (context) => {
      if (!leading()) return;
      const slot = new Date(Math.floor(context.date.getTime() / 1000) * 1000);
      log(`running scheduled job: ${name} (slot ${slot.toISOString()})`);
      run(new Date()).catch((error: unknown) => logError(`${name} failed`, error));
    });
  const jobs = SCHEDULED_JOBS.map((job) => scheduled(job.name, job.schedule, (now) => job.run(db, now)));
  jobs.push(
    scheduled("expiry of raw check results", RETENTION_SCHEDULE, async (now) => {
      const expired = await dropExpiredResults(db, now, options.retentionDays);
      if (expired.partitions + expired.rows > 0)
        log(
          `expired raw check results older than ${options.retentionDays} days: ${expired.partitions} day partitions, ${expired.rows} stray rows`,
        );
    }),
  );
  if (!lease) issueAtStart();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await fanOut.stop();
      await partitioning;
      for (const job of jobs) await job.destroy();
      await issuing;
      await running;
      await lease?.stop();
    },
  };
}
