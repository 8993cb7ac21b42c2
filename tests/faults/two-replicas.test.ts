// Two replicas of `npm start` on one PostgreSQL behind a load balancer, with
// three probe agents pushing through it. What an operator relies on: a change
// made on one replica is on the other's public pages within a second; the
// evaluator, detection, the sender and every scheduled job run once across
// both; and when the replica holding the worker lease is killed (-9), the
// other takes over within 10 s and no result or email is lost or doubled.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { workerLeaseHeld } from "../../lib/monitoring/worker-lease.ts";
import { type RunningAgent, startAgent } from "../../probes/agent.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeActor, makePlatform, makeSubscriber, type TestPlatform } from "../support/incident-factories.ts";
import { type Balancer, type Replica, startBalancer, startReplica } from "../support/replicas.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { CHROMIUM, declareIncidentInConsole, sessionCookieFor } from "../support/console-browser.ts";

const JOB_LINE = /running scheduled job: (.+) \(slot (\S+)\)/;
const LEASE_LINE = "worker lease acquired";

let t: TestDatabase;
let sink: SmtpSink;
let balancer: Balancer;
let platform: TestPlatform;
let replicas: Replica[] = [];
const agents: RunningAgent[] = [];
const upstreams: string[] = [];
let target: http.Server;
let healthy = true;
let adminEmail: string;
let subscribers: string[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-replicas-"));

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  target = http.createServer((_, res) => res.writeHead(healthy ? 200 : 503).end(healthy ? "ok" : "down"));
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  const targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}/health`;

  platform = await makePlatform(t.db, [
    { key: "checkout", tier: "TIER_1" },
    { key: "search", tier: "TIER_2" },
  ]);
  // Only search is probed: checkout is what engineers declare incidents on, so detection never sees it covered.
  // Search is tier 2 (detected with DETECT_TIER_2) so that only detection proposes: burn-rate pages are tier 1's.
  for (let i = 0; i < platform.regions.length; i++)
    await t.db.probe.create({
      data: {
        componentRegionId: platform.cr("search", i),
        name: "health",
        kind: "http",
        target: targetUrl,
        intervalSeconds: 1,
        timeoutMs: 1_000,
      },
    });
  adminEmail = (await makeActor(t.db, "ADMIN")).email;
  subscribers = [];
  for (let i = 0; i < 3; i++) subscribers.push((await makeSubscriber(t.db)).email!);

  balancer = await startBalancer(upstreams);
  const common = {
    databaseUrl: t.url,
    smtpUrl: sink.url,
    publicUrl: balancer.url,
    env: { WORKER_JOB_SCHEDULE: "*/2 * * * * *", DETECT_TIER_2: "true" },
  };
  replicas = await Promise.all([startReplica({ ...common, name: "A" }), startReplica({ ...common, name: "B" })]);
  upstreams.push(...replicas.map((r) => r.base));
  for (const region of platform.regions) {
    const { token } = await createAgent(t.db, { name: `agent ${region.key}`, regionKey: region.key });
    agents.push(await startAgent({ server: balancer.url, token, dataDir, log: () => {} }));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop().catch(() => {})));
  for (const r of replicas) r.kill();
  await balancer?.close();
  target?.close();
  await sink?.close();
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function leader(): Replica | undefined {
  return replicas.find((r) => !r.exited && r.lines.some((l) => l.includes(LEASE_LINE)));
}

function mailsTo(address: string, title: string): number {
  return sink.messages.filter((m) => m.to.includes(address) && m.raw.toString("utf8").includes(title)).length;
}

/** Waits for every subscriber's mail about `title`, then until the outbox has nothing left to send. */
async function delivered(title: string): Promise<void> {
  await expect
    .poll(() => subscribers.filter((address) => mailsTo(address, title) > 0).length, { timeout: 30_000 })
    .toBe(subscribers.length);
  await outboxDrained();
}

/** Waits until the outbox holds no row still to send, so that the sink has everything it will ever get. */
async function outboxDrained(): Promise<void> {
  await expect
    .poll(() => t.db.notification.count({ where: { state: { notIn: ["sent", "failed", "suppressed"] } } }), {
      timeout: 30_000,
    })
    .toBe(0);
}

describe("two replicas on one database", () => {
  it("shows a change made on replica A in replica B's public snapshots within 1 s, and mails each subscriber once", async () => {
    const [a, b] = replicas as [Replica, Replica];
    const title = `Replica drill ${Date.now()}`;
    const unresolved = async (replica: Replica) =>
      (await fetch(`${replica.base}/api/v2/incidents/unresolved.json`)).text();
    // B has the page in its snapshot cache before the change.
    expect(await unresolved(b)).not.toContain(title);
    const browser = await chromium.launch(CHROMIUM);
    try {
      const context = await browser.newContext();
      await context.addCookies([await sessionCookieFor(t.url, adminEmail, a.base)]);
      await declareIncidentInConsole(await context.newPage(), a.base, {
        title,
        componentRegionId: platform.cr("checkout", 0),
      });
    } finally {
      await browser.close();
    }
    // The bound the issue sets, measured from the write itself: the incident row's creation on A.
    const incident = await t.db.incident.findFirstOrThrow({ where: { title }, select: { createdAt: true } });
    const written = Math.min(Date.now(), incident.createdAt.getTime());
    await expect
      .poll(async () => (await unresolved(b)).includes(title), {
        timeout: 1_000 - (Date.now() - written),
        interval: 50,
      })
      .toBe(true);
    const front = await (await fetch(`${b.base}/`)).text();
    expect(front).toContain(title);

    await delivered(title);
    for (const address of subscribers) expect(mailsTo(address, title)).toBe(1);
  });

  it("runs the evaluator and detection once across both replicas: one proposal for one outage", async () => {
    healthy = false;
    const searchRegions = platform.regions.map((_, i) => platform.cr("search", i));
    await expect
      .poll(() => t.db.componentRegion.count({ where: { id: { in: searchRegions }, probeStatus: "major_outage" } }), {
        timeout: 40_000,
        interval: 250,
      })
      .toBe(searchRegions.length);
    // Further cycles on either replica add nothing: wait for two more evaluated rounds, then count.
    const lastRound = async () => {
      const states = await t.db.probeState.findMany({ select: { lastRoundStart: true } });
      return Math.max(0, ...states.map((s) => s.lastRoundStart?.getTime() ?? 0));
    };
    const since = await lastRound();
    await expect.poll(lastRound, { timeout: 15_000 }).toBeGreaterThanOrEqual(since + 2_000);

    const proposals = await t.db.incident.findMany({
      where: { source: "detected", componentRegions: { some: { componentRegionId: { in: searchRegions } } } },
      include: { componentRegions: true },
    });
    // One proposal, with the outage's three component-regions, made by one replica, once.
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.componentRegions.map((l) => l.componentRegionId).sort()).toEqual([...searchRegions].sort());
    const lines = replicas.flatMap((r) => r.lines.filter((l) => l.includes("proposed incident")));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(proposals[0]!.id);
    // Each status change was made once: one "operational → major_outage" line per component-region.
    for (const id of searchRegions)
      expect(
        replicas.flatMap((r) => r.lines.filter((l) => l.includes(`status ${id}: operational → major_outage`))),
      ).toHaveLength(1);
  });

  it("runs every scheduled job once per slot, on the replica that holds the worker lease", async () => {
    const slots = () => {
      const seen = new Map<string, string[]>();
      for (const r of replicas)
        for (const line of r.lines) {
          const match = JOB_LINE.exec(line);
          if (match) seen.set(`${match[1]} @ ${match[2]}`, [...(seen.get(`${match[1]} @ ${match[2]}`) ?? []), r.name]);
        }
      return seen;
    };
    // Three slots of each of the five scheduled jobs and retention.
    await expect.poll(() => slots().size, { timeout: 20_000 }).toBeGreaterThanOrEqual(18);
    const doubled = [...slots()].filter(([, ran]) => ran.length > 1);
    expect(doubled).toEqual([]);
    const runners = new Set([...slots().values()].flat());
    expect(runners).toEqual(new Set([leader()!.name]));
  });

  it("hands the worker to the other replica within 10 s of kill -9, losing and doubling no result or email", async () => {
    const holder = leader()!;
    const survivor = replicas.find((r) => r !== holder)!;
    expect(survivor.lines.some((l) => l.includes(LEASE_LINE))).toBe(false);
    await outboxDrained();

    holder.kill();
    const killed = Date.now();
    await expect
      .poll(() => survivor.lines.some((l) => l.includes(LEASE_LINE)), {
        timeout: 10_000 - (Date.now() - killed),
        interval: 100,
      })
      .toBe(true);
    expect(await workerLeaseHeld(t.db)).toBe(true);
    // What an operator's load balancer asks: the survivor is ready (its check includes "some replica holds the lease").
    const ready = await fetch(`${survivor.base}/api/ready`);
    expect(ready.status).toBe(200);

    // The survivor's worker evaluates: search recovers on its status once the target is back.
    healthy = true;
    const searchRegions = platform.regions.map((_, i) => platform.cr("search", i));
    await expect
      .poll(() => t.db.componentRegion.count({ where: { id: { in: searchRegions }, probeStatus: "operational" } }), {
        timeout: 40_000,
        interval: 500,
      })
      .toBe(searchRegions.length);

    // Mail after the takeover: declared on the survivor, sent once to each subscriber.
    const title = `After the takeover ${Date.now()}`;
    const browser = await chromium.launch(CHROMIUM);
    try {
      const context = await browser.newContext();
      await context.addCookies([await sessionCookieFor(t.url, adminEmail, survivor.base)]);
      await declareIncidentInConsole(await context.newPage(), survivor.base, {
        title,
        componentRegionId: platform.cr("checkout", 1),
      });
    } finally {
      await browser.close();
    }
    await delivered(title);
    for (const address of subscribers) expect(mailsTo(address, title)).toBe(1);
    // Every message the sink got, across both events and the kill, has its own Message-ID.
    const ids = sink.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);

    // Every result the agents took — before, during and after the kill — is stored once and counted once.
    await Promise.all(agents.splice(0).map((agent) => agent.stop()));
    const taken = takenResultIds();
    await expect
      .poll(() => t.db.checkResult.count({ where: { id: { in: taken } } }), { timeout: 30_000 })
      .toBe(taken.length);
    expect(await t.db.checkResult.count()).toBe(taken.length);
    const minutes = await t.db.rollupMinute.aggregate({
      _sum: { upCount: true, degradedCount: true, downCount: true },
    });
    const counted = (minutes._sum.upCount ?? 0) + (minutes._sum.degradedCount ?? 0) + (minutes._sum.downCount ?? 0);
    expect(counted).toBe(taken.length);
  });
});

function takenResultIds(): string[] {
  return fs
    .readdirSync(dataDir)
    .flatMap((vantage) =>
      fs
        .readdirSync(path.join(dataDir, vantage))
        .filter((f) => f.startsWith("segment-"))
        .flatMap((f) =>
          fs
            .readFileSync(path.join(dataDir, vantage, f), "utf8")
            .split("\n")
            .filter(Boolean),
        ),
    )
    .map((line) => (JSON.parse(line) as { id: string }).id);
}
