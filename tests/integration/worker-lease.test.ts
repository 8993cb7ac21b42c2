// The worker lease: one holder at a time on a database, visible to readiness
// checks, and taken over by the next replica as soon as the holder's session
// ends — whether it stopped, crashed or its connection was cut.
import { afterAll, beforeAll, expect, it } from "vitest";
import { holdWorkerLease, type WorkerLease, workerLeaseHeld } from "../../lib/monitoring/worker-lease.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
const leases: WorkerLease[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  for (const lease of leases) await lease.stop();
  await t.drop();
});

function hold(name: string, log: string[]): WorkerLease {
  const lease = holdWorkerLease(t.url, { retryMs: 100, log: (line) => log.push(`${name}: ${line}`) });
  leases.push(lease);
  return lease;
}

it("is held by one replica at a time, and passes to another when the holder stops or loses its session", async () => {
  const log: string[] = [];
  expect(await workerLeaseHeld(t.db)).toBe(false);
  const a = hold("a", log);
  await expect.poll(() => a.held, { timeout: 10_000 }).toBe(true);
  const b = hold("b", log);
  const c = hold("c", log);
  // All three have their sessions (and so have tried); only the first holds the lease.
  const sessions = async () =>
    (
      await t.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'bellwether worker lease'`
    )[0]!.n;
  await expect.poll(sessions, { timeout: 10_000 }).toBe(3);
  expect(log).toHaveLength(1);
  expect([a.held, b.held, c.held]).toEqual([true, false, false]);
  expect(await workerLeaseHeld(t.db)).toBe(true);

  await a.stop();
  await expect.poll(() => [b.held, c.held].filter(Boolean).length, { timeout: 10_000 }).toBe(1);
  const holder = b.held ? b : c;
  const other = holder === b ? c : b;

  // The holder's connection is cut (as by a crash of its host or a failover): it knows, and the other takes over.
  await t.db
    .$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bellwether worker lease' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2)`;
  await expect.poll(() => log.some((line) => line.includes("worker lease lost")), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => other.held || holder.held, { timeout: 10_000 }).toBe(true);
  expect([holder.held, other.held].filter(Boolean)).toHaveLength(1);
  expect(await workerLeaseHeld(t.db)).toBe(true);
});
