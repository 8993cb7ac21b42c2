// Running totals kept in PostgreSQL (MetricCounter) for work done outside the
// process Prometheus scrapes — the sender runs in the worker. A process adds
// what it did since its last flush; any replica's /metrics reads the sum.
import type { Db } from "../db.ts";
import { logError } from "./log.ts";

/** Outcomes of the outboxes: "<outbox>.<outcome>", e.g. "subscribers.sent". */
export function outboxCounterKey(outbox: "subscribers" | "staff", outcome: string): string {
  return `${outbox}.${outcome}`;
}

/** Adds each amount to its counter, in one statement; zero amounts are skipped. */
export async function addToCounters(db: Db, amounts: Readonly<Record<string, number>>): Promise<void> {
  const entries = Object.entries(amounts).filter(([, n]) => n > 0);
  if (entries.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "MetricCounter" ("key", "value", "updatedAt")
    SELECT k, v, now() FROM unnest(${entries.map(([k]) => k)}::text[], ${entries.map(([, n]) => n)}::bigint[]) AS t(k, v)
    ORDER BY k
    ON CONFLICT ("key") DO UPDATE SET "value" = "MetricCounter"."value" + EXCLUDED."value", "updatedAt" = now()`;
}

export interface CounterPublisher {
  /** Writes what is left and stops. */
  stop(): Promise<void>;
}

/**
 * Every `everyMs`, adds to the outbox's counters what `read()` grew by since
 * the last time (read() returns running totals, such as a sender's stats).
 */
export function publishOutboxCounters<T extends { [K in keyof T]: number }>(
  db: Db,
  outbox: "subscribers" | "staff",
  read: () => T,
  everyMs = 5_000,
): CounterPublisher {
  let published: Record<string, number> = {};
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    flushing = flushing.then(async () => {
      const now: Record<string, number> = { ...read() };
      const delta: Record<string, number> = {};
      for (const [outcome, total] of Object.entries(now))
        delta[outboxCounterKey(outbox, outcome)] = total - (published[outcome] ?? 0);
      try {
        await addToCounters(db, delta);
        published = now;
      } catch (error) {
        logError(`recording the ${outbox} outbox's counters failed`, error);
      }
    });
    return flushing;
  };
  const timer = setInterval(flush, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
