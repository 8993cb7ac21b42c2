// The Prometheus exposition of /metrics (prom-client). Two kinds of figure:
// what this process did (requests, snapshot lookups and renders, ingested
// results — tallies.ts, per replica: sum them), and the state of the shared
// work read from PostgreSQL at scrape time (outboxes, evaluator lag, agents,
// the sender's totals, the worker lease — the same on every replica: take
// max, not sum).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db.ts";
import { logError } from "./log.ts";
import { type OperatorFigures, readOperatorFigures } from "./operator-figures.ts";
import { LABEL_SEPARATOR, type ProcessTallies, type Tally, tallies as processTallies } from "./tallies.ts";

/** Render times (seconds): a snapshot render is 10–250 ms; a slow database shows as the seconds buckets. */
export const RENDER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const OUTBOX_OUTCOMES = ["sent", "retried", "failed", "suppressed"] as const;

export interface MetricsExposition {
  contentType: string;
  /** The text format, with the database's figures as of now (or bellwether_database_up 0 without them). */
  render(): Promise<string>;
}

function setCounterFromTally<T extends string>(
  counter: Counter<T>,
  tally: Tally,
  labelNames: readonly T[],
  limit = 2_000,
): void {
  counter.reset();
  let n = 0;
  for (const [key, value] of tally.counts) {
    if (n++ >= limit) break;
    const parts = key.split(LABEL_SEPARATOR);
    const labels = Object.fromEntries(labelNames.map((name, i) => [name, parts[i] ?? ""])) as Record<T, string>;
    counter.inc(labels, value);
  }
}

/**
 * A registry over this process's tallies and, when `db` is given, the
 * database's figures. `now` is for tests.
 */
export function createMetricsExposition(
  options: { db?: Db; tallies?: ProcessTallies; now?: () => Date; defaultMetrics?: boolean } = {},
): MetricsExposition {
  const tallies = options.tallies ?? processTallies;
  const now = options.now ?? (() => new Date());
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "bellwether_" });

  new Counter({
    name: "bellwether_http_requests_total",
    help: "HTTP requests answered by this replica, by app route (the page or handler that served it), method and status.",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
    collect() {
      setCounterFromTally(this, tallies.httpRequests, ["route", "method", "status"]);
    },
  });
  new Counter({
    name: "bellwether_snapshot_requests_total",
    help: "Public snapshot lookups by this replica: hit = served from memory, miss = the reader waited for a render.",
    labelNames: ["route", "result"] as const,
    registers: [registry],
    collect() {
      setCounterFromTally(this, tallies.snapshotLookups, ["route", "result"]);
    },
  });
  const renders = new Histogram({
    name: "bellwether_snapshot_render_seconds",
    help: "Time to render one public snapshot through Next, by snapshot route and outcome (ok or failed).",
    labelNames: ["route", "outcome"] as const,
    buckets: RENDER_BUCKETS,
    registers: [registry],
  });
  new Counter({
    name: "bellwether_ingested_results_total",
    help: "Check results from agents stored by this replica (rate() gives results per second); duplicates are replays already stored.",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: "accepted" }, tallies.ingestedResults.counts.get("accepted") ?? 0);
      this.inc({ result: "duplicate" }, tallies.ingestedResults.counts.get("duplicate") ?? 0);
    },
  });

  new Counter({
    name: "bellwether_direct_mails_total",
    help: "Mail a reader waits for (sign-in links, subscription confirmations), sent by this replica straight to SMTP, not through an outbox.",
    labelNames: ["outcome"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const outcome of ["sent", "failed"]) this.inc({ outcome }, tallies.directMails?.counts.get(outcome) ?? 0);
    },
  });

  const databaseUp = new Gauge({
    name: "bellwether_database_up",
    help: "1 when this replica could read the figures below from PostgreSQL at this scrape.",
    registers: [registry],
  });
  const lag = new Gauge({
    name: "bellwether_evaluator_lag_seconds",
    help: "How long the most overdue closed probe round has waited to be evaluated (0 when none is overdue).",
    registers: [registry],
  });
  const depth = new Gauge({
    name: "bellwether_outbox_depth",
    help: "Messages waiting or being sent, per outbox (subscribers: email and webhooks; staff: reminders, statements, sign-in links).",
    labelNames: ["outbox"] as const,
    registers: [registry],
  });
  const oldest = new Gauge({
    name: "bellwether_outbox_oldest_age_seconds",
    help: "Age of the oldest message waiting or being sent, per outbox (0 when empty).",
    labelNames: ["outbox"] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "bellwether_outbox_deliveries_total",
    help: "Outbox deliveries by every sender on this database (not only this replica): sent, retried, failed for good, suppressed.",
    labelNames: ["outbox", "outcome"] as const,
    registers: [registry],
  });
  const leaseHeld = new Gauge({
    name: "bellwether_worker_lease_held",
    help: "1 when some replica holds the worker lease (evaluator, detection, scheduled jobs).",
    registers: [registry],
  });
  const lastPush = new Gauge({
    name: "bellwether_agent_last_push_timestamp_seconds",
    help: "When each probe agent's last batch was stored (Unix time); time() minus this is how long it has been silent.",
    labelNames: ["agent", "region"] as const,
    registers: [registry],
  });
  const buffered = new Gauge({
    name: "bellwether_agent_buffered_results",
    help: "Results each probe agent still held on its disk when it last pushed (non-zero: it is catching up after an outage).",
    labelNames: ["agent", "region"] as const,
    registers: [registry],
  });

  function setFigures(figures: OperatorFigures): void {
    lag.set(figures.evaluatorLagSeconds);
    for (const o of figures.outboxes) {
      depth.set({ outbox: o.outbox }, o.depth);
      oldest.set({ outbox: o.outbox }, o.oldestAgeSeconds);
    }
    deliveries.reset();
    for (const outbox of ["subscribers", "staff"] as const)
      for (const outcome of OUTBOX_OUTCOMES)
        deliveries.inc({ outbox, outcome }, figures.counters.get(`${outbox}.${outcome}`) ?? 0);
    leaseHeld.set(figures.workerLeaseHeld ? 1 : 0);
    lastPush.reset();
    buffered.reset();
    for (const a of figures.agents) {
      const labels = { agent: a.agent, region: a.region };
      if (a.lastPushAt) lastPush.set(labels, a.lastPushAt.getTime() / 1000);
      buffered.set(labels, a.bufferedResults ?? 0);
    }
  }

  return {
    contentType: registry.contentType,
    async render() {
      for (const { key, seconds } of tallies.snapshotRenders.drain()) {
        const [route = "", outcome = ""] = key.split(LABEL_SEPARATOR);
        renders.observe({ route, outcome }, seconds);
      }
      if (options.db) {
        try {
          setFigures(await readOperatorFigures(options.db, now()));
          databaseUp.set(1);
        } catch (error) {
          databaseUp.set(0);
          logError("reading the database's figures for /metrics failed", error);
        }
      } else {
        databaseUp.set(0);
      }
      return registry.metrics();
    },
  };
}
