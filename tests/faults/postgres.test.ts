// PostgreSQL in trouble under a running replica (`npm start`) with a probe
// agent pushing to it. Slowed by a held lock: the front page, served from
// snapshots, answers as fast as before. Restarted under load: readers keep
// getting the page, with the stale notice while the database is away; the
// agent buffers and replays; afterwards every result is stored exactly once.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db.ts";
import { type EmbeddedDatabase, findFreePort, startEmbeddedDatabase } from "../../lib/database/embedded.ts";
import { applyMigrations } from "../../lib/database/migrate.ts";
import { CHANGE_WAIT_MS } from "../../lib/snapshots/cache.ts";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { PUBLIC_CHANGE_CHANNEL } from "../../lib/public/changes.ts";
import { type RunningAgent, startAgent } from "../../probes/agent.ts";
import { makePlatform, type TestPlatform } from "../support/incident-factories.ts";
import { type Replica, startReplica } from "../support/replicas.ts";
import { sql } from "../support/sql.ts";

const STALE_NOTICE = "data-stale-snapshot";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-pg-faults-"));
const agentDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-pg-faults-agent-"));
let port: number;
let database: EmbeddedDatabase;
let db: Db;
let replica: Replica;
let agent: RunningAgent | undefined;
let platform: TestPlatform;
let target: http.Server;
const agentLines: string[] = [];

beforeAll(async () => {
  fs.chmodSync(dataDir, 0o755);
  port = await findFreePort();
  database = await startEmbeddedDatabase({ dataDir, port });
  await applyMigrations(database.url);
  db = createDb(database.url, { max: 2 });
  target = http.createServer((_, res) => res.end("ok"));
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  platform = await makePlatform(db, [{ key: "checkout", tier: "TIER_1" }]);
  for (let i = 0; i < platform.regions.length; i++)
    await db.probe.create({
      data: {
        componentRegionId: platform.cr("checkout", i),
        name: "health",
        kind: "http",
        target: `http://127.0.0.1:${(target.address() as { port: number }).port}/health`,
        intervalSeconds: 1,
      },
    });
  replica = await startReplica({ name: "solo", databaseUrl: database.url });
  const { token } = await createAgent(db, { name: "pg faults", regionKey: platform.regions[0]!.key });
  agent = await startAgent({ server: replica.base, token, dataDir: agentDir, log: (line) => agentLines.push(line) });
}, 180_000);

afterAll(async () => {
  await agent?.stop().catch(() => {});
  replica?.kill();
  target?.close();
  await db?.$disconnect();
  await database?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(agentDir, { recursive: true, force: true });
});

interface Sample {
  ms: number;
  status: number;
  stale: boolean;
}

/** `count` GETs of the front page, `concurrency` at a time. */
async function load(count: number, concurrency = 8): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const started = performance.now();
      const response = await fetch(`${replica.base}/`);
      const body = await response.text();
      samples.push({ ms: performance.now() - started, status: response.status, stale: body.includes(STALE_NOTICE) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

function p99(samples: Sample[]): number {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
}

function takenResultIds(): string[] {
  return fs
    .readdirSync(agentDir)
    .flatMap((vantage) =>
      fs
        .readdirSync(path.join(agentDir, vantage))
        .filter((f) => f.startsWith("segment-"))
        .flatMap((f) =>
          fs
            .readFileSync(path.join(agentDir, vantage, f), "utf8")
            .split("\n")
            .filter(Boolean),
        ),
    )
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

describe("PostgreSQL in trouble", () => {
  it("keeps the front page's p99 when a held lock stalls every query on the tables it reads", async () => {
    await load(100); // warm: the snapshot exists
    // Enough samples that the few readers who wait out CHANGE_WAIT_MS after the change below (one per connection) stay
    // under the 1 % that p99 leaves out: what p99 must show is that nobody queues behind the lock.
    const steady = await load(1_600);
    const reference = p99(steady);

    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE "ComponentRegion", "Incident" IN ACCESS EXCLUSIVE MODE`);
    const lockedAt = Date.now();
    // Meanwhile a change commits elsewhere (say, a maintenance window an engineer moved): the page must be re-rendered,
    // and the render waits behind the lock.
    await sql(database.url, "SELECT pg_notify($1, 'maintenance')", [PUBLIC_CHANGE_CHANNEL]);
    let locked: Sample[];
    try {
      // Past the snapshot's 5 s age too, so that a re-render is due and stalls behind the lock.
      locked = await load(1_600);
      while (Date.now() - lockedAt < 7_000) locked.push(...(await load(100)));
    } finally {
      await locker.query("COMMIT");
      await locker.end();
    }
    const figure = p99(locked);
    console.log(
      `front page p99: ${reference.toFixed(1)} ms steady (reference), ${figure.toFixed(1)} ms under a held lock — ${(figure / reference).toFixed(2)}×`,
    );
    expect(locked.filter((s) => s.status !== 200)).toEqual([]);
    expect(figure).toBeLessThanOrEqual(2 * reference);
    // Nobody waited for the lock (held 7 s and more): at most CHANGE_WAIT_MS for the render after the change.
    expect(Math.max(...locked.map((s) => s.ms))).toBeLessThan(CHANGE_WAIT_MS + 2 * reference + 500);
  });

  it("serves the front page with the stale notice through a restart, and stores every buffered result once", async () => {
    // Fresh again after the lock (a render that failed behind it is retried on a read).
    await expect.poll(async () => (await load(4, 2)).every((s) => s.status === 200 && !s.stale)).toBe(true);

    await database.stop();
    // Readers: the page, with a notice that it may be out of date — never an error.
    const during: Sample[] = [];
    await expect
      .poll(
        async () => {
          const samples = await load(8, 4);
          during.push(...samples);
          return samples.some((s) => s.stale);
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(true);
    // The agent keeps its results on disk meanwhile.
    await expect
      .poll(() => agentLines.some((l) => /results kept on disk|server answered 5\d\d/.test(l)), { timeout: 30_000 })
      .toBe(true);
    const takenWhileDown = takenResultIds().length;

    database = await startEmbeddedDatabase({ dataDir, port });
    expect(database.port).toBe(port);
    await expect
      .poll(
        async () => {
          const samples = await load(4, 2);
          during.push(...samples);
          return samples.every((s) => !s.stale);
        },
        { timeout: 40_000, interval: 500 },
      )
      .toBe(true);
    expect(during.filter((s) => s.status !== 200)).toEqual([]);
    await expect
      .poll(() => agentLines.some((l) => l.includes("replaying buffered results")), { timeout: 30_000 })
      .toBe(true);
    // The worker came back too: the lease was lost with the database and taken again.
    await expect
      .poll(() => replica.lines.filter((l) => l.includes("worker lease acquired")).length, { timeout: 15_000 })
      .toBe(2);

    await agent!.stop();
    agent = undefined;
    const taken = takenResultIds();
    expect(taken.length).toBeGreaterThan(takenWhileDown);
    const fresh = createDb(database.url, { max: 1 });
    try {
      await expect.poll(() => fresh.checkResult.count(), { timeout: 30_000 }).toBe(taken.length);
      const stored = await fresh.checkResult.findMany({ select: { id: true } });
      expect(stored.map((r) => r.id).sort()).toEqual([...taken].sort());
      const minutes = await fresh.rollupMinute.aggregate({
        _sum: { upCount: true, degradedCount: true, downCount: true },
      });
      const counted = (minutes._sum.upCount ?? 0) + (minutes._sum.degradedCount ?? 0) + (minutes._sum.downCount ?? 0);
      expect(counted).toBe(taken.length);
    } finally {
      await fresh.$disconnect();
    }
  });
});

describe("the renderer process", () => {
  const RENDERER = /lib\/http\/renderer-process\.ts/;

  async function frontPage(): Promise<{ status: number; body: string }> {
    const response = await fetch(`${replica.base}/`);
    return { status: response.status, body: await response.text() };
  }

  it("renders in a process of its own; killed with -9, readers keep the page, see a change, and it comes back", async () => {
    const renderers = replica.processes(RENDERER);
    expect(renderers).toHaveLength(1);
    const checkout = platform.components.checkout!;
    expect((await frontPage()).body).toContain(checkout.name);

    process.kill(renderers[0]!, "SIGKILL");
    const renamed = `${checkout.name} renamed`;
    await sql(database.url, `UPDATE "Component" SET name = $1 WHERE id = $2`, [renamed, checkout.id]);
    await sql(database.url, "SELECT pg_notify($1, 'catalog')", [PUBLIC_CHANGE_CHANNEL]);
    const seen: { status: number; body: string }[] = [];
    await expect
      .poll(
        async () => {
          const page = await frontPage();
          seen.push(page);
          return page.body.includes(renamed);
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBe(true);
    expect(seen.filter((page) => page.status !== 200 || page.body.includes(STALE_NOTICE))).toEqual([]);

    await expect
      .poll(() => replica.processes(RENDERER).filter((pid) => pid !== renderers[0]).length, { timeout: 15_000 })
      .toBe(1);
    expect(replica.lines.some((l) => l.includes("renderer exited (signal SIGKILL)"))).toBe(true);
    // And the next change is rendered as before.
    await sql(database.url, `UPDATE "Component" SET name = $1 WHERE id = $2`, [checkout.name, checkout.id]);
    await sql(database.url, "SELECT pg_notify($1, 'catalog')", [PUBLIC_CHANGE_CHANNEL]);
    await expect.poll(async () => (await frontPage()).body.includes(renamed), { timeout: 15_000 }).toBe(false);
  });
});
