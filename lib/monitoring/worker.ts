// The server's background work: closing probe rounds every few seconds and
// expiring raw results every hour. Safe to run on every replica: the round
// evaluator takes an advisory lock, and deletes are idempotent.
import cron from "node-cron";
import type { Db } from "../db.ts";
import { evaluateDueRounds } from "./evaluate-rounds.ts";
import { deleteExpiredResults } from "./retention.ts";

export const EVALUATE_EVERY_MS = 2_000;
export const RETENTION_SCHEDULE = "17 * * * *";

export interface MonitoringWorker {
  stop(): Promise<void>;
}

export function startMonitoringWorker(db: Db, options: { retentionDays: number; log?: (line: string) => void }): MonitoringWorker {
  const log = options.log ?? (() => {});
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = () => {
    if (running || stopped) return;
    running = evaluateDueRounds(db, new Date())
      .then((summary) => {
        for (const change of summary.statusChanges) log(`status ${change.componentRegionId}: ${change.from ?? "unknown"} → ${change.to ?? "unknown"}`);
      })
      .catch((error: unknown) => console.error("[bellwether] evaluating probe rounds failed", error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, EVALUATE_EVERY_MS);
  timer.unref();

  const retention = cron.schedule(RETENTION_SCHEDULE, () => {
    deleteExpiredResults(db, new Date(), options.retentionDays)
      .then((n) => n > 0 && log(`expired ${n} raw check results older than ${options.retentionDays} days`))
      .catch((error: unknown) => console.error("[bellwether] expiring raw results failed", error));
  });

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await retention.destroy();
      await running;
    },
  };
}
