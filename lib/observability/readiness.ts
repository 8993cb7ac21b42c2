// GET /api/ready: may this replica take traffic? The database answers, every
// migration in prisma/migrations is applied (and none failed half-way), and
// some replica holds the worker lease, so results are evaluated and mail goes
// out. Liveness (/api/health) asks none of this: a database outage must not
// make an orchestrator restart every replica.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db.ts";
import { logError } from "./log.ts";
import { workerLeaseHeld } from "../monitoring/worker-lease.ts";

export interface Readiness {
  ready: boolean;
  /** Why not, for a person; absent when ready. */
  reason?: string;
  checks: {
    database: "ok" | "unreachable";
    migrations: "ok" | "pending" | "failed" | "unknown";
    workerLease: "held" | "free" | "unknown";
  };
  /** Migrations in prisma/migrations that the database has not applied. */
  pendingMigrations?: string[];
}

/** Migration folders shipped with this build, in order. */
export function shippedMigrations(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(migrationsDir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

/** `database` is called inside the checks: a client that cannot even be made counts as unreachable. */
export async function checkReadiness(
  database: Db | (() => Db),
  options: { migrationsDir?: string; timeoutMs?: number } = {},
): Promise<Readiness> {
  const migrationsDir = options.migrationsDir ?? path.join(process.cwd(), "prisma", "migrations");
  const timeoutMs = options.timeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const db = typeof database === "function" ? database() : database;
    const rows = await Promise.race([
      db.$queryRaw<{ migration_name: string; finished: boolean; rolled_back: boolean }[]>`
        SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
          FROM _prisma_migrations`,
      timeout,
    ]).catch(async (error: unknown) => {
      // A database without the table is reachable but unmigrated.
      if (/_prisma_migrations/.test(String((error as Error)?.message))) return [];
      throw error;
    });
    const applied = new Set(rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name));
    const failed = rows.filter((r) => !r.finished && !r.rolled_back).map((r) => r.migration_name);
    const pending = shippedMigrations(migrationsDir).filter((name) => !applied.has(name));
    const held = await Promise.race([workerLeaseHeld(db), timeout]);
    const migrations = failed.length > 0 ? "failed" : pending.length > 0 ? "pending" : "ok";
    const checks = { database: "ok", migrations, workerLease: held ? "held" : "free" } as const;
    if (failed.length > 0)
      return { ready: false, reason: `migration ${failed[0]} failed part-way; see _prisma_migrations`, checks };
    if (pending.length > 0)
      return {
        ready: false,
        reason: `${pending.length} migration(s) not applied: run npm run db:migrate (npm start applies them)`,
        checks,
        pendingMigrations: pending,
      };
    if (!held)
      return {
        ready: false,
        reason: "no replica holds the worker lease: probe results are not evaluated and no mail is sent",
        checks,
      };
    return { ready: true, checks };
  } catch (error) {
    logError("readiness: the database did not answer", error);
    return {
      ready: false,
      reason: "the database is unreachable",
      checks: { database: "unreachable", migrations: "unknown", workerLease: "unknown" },
    };
  } finally {
    clearTimeout(timer);
  }
}
