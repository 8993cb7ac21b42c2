// GET /api/ready's verdict (lib/observability/readiness.ts) against real
// databases: migrated or not, with the worker lease held by a replica or not,
// and one that does not answer at all.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../lib/db.ts";
import { findFreePort } from "../../lib/database/embedded.ts";
import { holdWorkerLease } from "../../lib/monitoring/worker-lease.ts";
import { checkReadiness, shippedMigrations } from "../../lib/observability/readiness.ts";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("readiness", () => {
  it("is not ready while no replica holds the worker lease, and ready once one does", async () => {
    const free = await checkReadiness(t.db, { timeoutMs: 30_000 });
    expect(free).toMatchObject({ ready: false, checks: { database: "ok", migrations: "ok", workerLease: "free" } });
    expect(free.reason).toMatch(/worker lease/);

    const lease = holdWorkerLease(t.url, { retryMs: 100 });
    try {
      await expect.poll(() => lease.held).toBe(true);
      expect(await checkReadiness(t.db, { timeoutMs: 30_000 })).toEqual({
        ready: true,
        checks: { database: "ok", migrations: "ok", workerLease: "held" },
      });
    } finally {
      await lease.stop();
    }
    // The holder's session ended: nobody holds it any more.
    await expect.poll(async () => (await checkReadiness(t.db, { timeoutMs: 30_000 })).checks.workerLease).toBe("free");
  });

  it("names the migrations a newer build ships that the database lacks", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-ready-"));
    try {
      fs.cpSync("prisma/migrations", dir, { recursive: true });
      fs.mkdirSync(path.join(dir, "20991231000000_from_a_newer_build"));
      fs.writeFileSync(path.join(dir, "20991231000000_from_a_newer_build", "migration.sql"), "SELECT 1;");
      const readiness = await checkReadiness(t.db, { migrationsDir: dir, timeoutMs: 30_000 });
      expect(readiness).toMatchObject({ ready: false, checks: { migrations: "pending" } });
      expect(readiness.pendingMigrations).toEqual(["20991231000000_from_a_newer_build"]);
      expect(readiness.reason).toMatch(/npm run db:migrate/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts an unmigrated database as reachable with every migration pending", async () => {
    const empty = await createEmptyDatabase();
    const db = createDb(empty.url, { max: 1 });
    try {
      const readiness = await checkReadiness(db, { timeoutMs: 30_000 });
      expect(readiness.checks).toMatchObject({ database: "ok", migrations: "pending" });
      expect(readiness.pendingMigrations).toEqual(shippedMigrations("prisma/migrations"));
    } finally {
      await db.$disconnect();
      await empty.drop();
    }
  });

  it("says the database is unreachable when nothing answers", async () => {
    const port = await findFreePort();
    const db = createDb(`postgresql://nobody:nothing@127.0.0.1:${port}/none`, { max: 1 });
    try {
      expect(await checkReadiness(db, { timeoutMs: 2_000 })).toEqual({
        ready: false,
        reason: "the database is unreachable",
        checks: { database: "unreachable", migrations: "unknown", workerLease: "unknown" },
      });
    } finally {
      await db.$disconnect();
    }
  });
});
