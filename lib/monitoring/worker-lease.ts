// The worker's leadership: one replica at a time runs the evaluator,
// detection, maintenance moves and the scheduled jobs. The lease is a
// session-level advisory lock on a connection of its own, so PostgreSQL frees
// it the moment the holder's session ends — a kill -9, a crash or a lost
// network — and another replica takes it on its next try (every second).
import pg from "pg";
import type { Db } from "../db.ts";

/** pg_try_advisory_lock(classid, objid): "BELL" and the worker's number among the project's locks. */
export const WORKER_LEASE_LOCK = [0x42454c4c, 7_310_000] as const;
/** How often a replica without the lease tries for it, and the holder checks it still has its session. */
export const WORKER_LEASE_RETRY_MS = 1_000;
/**
 * A host that vanishes without closing its connection (power loss, a partition) is noticed by PostgreSQL's TCP
 * keepalives on the lease session — idle 4 s, then 2 probes 2 s apart — so the lock is freed within about 8 s; the
 * holder itself gives up sooner, when a check goes unanswered for LEASE_CHECK_TIMEOUT_MS, so two never overlap.
 */
const LEASE_SESSION_SETTINGS =
  "SET tcp_keepalives_idle = 4; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 2";
const LEASE_CHECK_TIMEOUT_MS = 3_000;

export interface WorkerLease {
  /** True while this process holds the lease. */
  readonly held: boolean;
  /** Releases the lease (ends its session) and stops trying. */
  stop(): Promise<void>;
}

export interface WorkerLeaseOptions {
  onAcquired?: () => void;
  onLost?: () => void;
  retryMs?: number;
  log?: (line: string) => void;
}

export function holdWorkerLease(databaseUrl: string, options: WorkerLeaseOptions = {}): WorkerLease {
  const log = options.log ?? (() => {});
  const retryMs = options.retryMs ?? WORKER_LEASE_RETRY_MS;
  let client: pg.Client | undefined;
  let held = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> | undefined;

  const lose = (reason: string) => {
    client = undefined;
    if (!held) return;
    held = false;
    log(`worker lease lost (${reason}); the evaluator and scheduled jobs pause here`);
    options.onLost?.();
  };

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      query_timeout: LEASE_CHECK_TIMEOUT_MS,
      application_name: "bellwether worker lease",
    });
    next.on("error", () => {});
    next.on("end", () => {
      if (client === next) lose("its database session ended");
    });
    try {
      await next.connect();
      await next.query(LEASE_SESSION_SETTINGS);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    return next;
  };

  // Without the lease: try for it. With it: a round trip proves the session (and so the lock) is still ours.
  const tryOnce = async () => {
    try {
      if (!client) client = await connect();
      if (held) {
        await client.query("SELECT 1");
        return;
      }
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [
        ...WORKER_LEASE_LOCK,
      ]);
      if (rows[0]?.locked && !stopped) {
        held = true;
        log("worker lease acquired: this replica runs the evaluator, detection and scheduled jobs");
        options.onAcquired?.();
      }
    } catch (error) {
      const failed = client;
      lose((error as Error).message);
      await failed?.end().catch(() => {});
    }
  };

  const loop = () => {
    if (stopped) return;
    attempt = tryOnce().finally(() => {
      attempt = undefined;
      if (stopped) return;
      timer = setTimeout(loop, retryMs);
      timer.unref();
    });
  };
  loop();

  return {
    get held() {
      return held;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await attempt;
      const last = client;
      client = undefined;
      held = false;
      await last?.end().catch(() => {});
    },
  };
}

/** Whether any replica holds the worker lease (for readiness): the lock is in pg_locks while its session lives. */
export async function workerLeaseHeld(db: Db): Promise<boolean> {
  const rows = await db.$queryRaw<{ held: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND objsubid = 2
         AND classid = ${WORKER_LEASE_LOCK[0]}::oid AND objid = ${WORKER_LEASE_LOCK[1]}::oid
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
    ) AS held`;
  return rows[0]?.held ?? false;
}
