// kill -9 of the agent, then of the server, in the middle of a run: every
// result the agent took before the kill is stored, exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { startIngestServer } from "../support/ingest-server-process.ts";

let t: TestDatabase;
let target: http.Server;
let token: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-agent-"));
const children = new Set<ChildProcess>();

beforeAll(async () => {
  t = await createTestDatabase();
  target = http.createServer((_, res) => res.end('{"status":"ok"}')).listen(0, "127.0.0.1");
  await new Promise((r) => target.once("listening", r));
  const { port } = target.address() as { port: number };
  const region = await makeRegion(t.db, { key: "vantage-1.gcp" });
  const product = await makeProduct(t.db);
  for (let i = 0; i < 20; i++) {
    const component = await makeComponent(t.db, product.id);
    const cr = await makeComponentRegion(t.db, component.id, region.id);
    await t.db.probe.create({
      data: {
        componentRegionId: cr.id,
        name: "health",
        kind: "http",
        target: `http://127.0.0.1:${port}/health`,
        intervalSeconds: 1,
      },
    });
  }
  token = (await createAgent(t.db, { name: "crash-test", regionKey: "vantage-1.gcp" })).token;
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  target.close();
  await t.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  if (process.env.DEBUG_AGENT) {
    child.stdout!.on("data", (d: Buffer) => process.stderr.write(`[${args[0]}] ${d}`));
    child.stderr!.on("data", (d: Buffer) => process.stderr.write(`[${args[0]} err] ${d}`));
  }
  child.once("exit", () => children.delete(child));
  return child;
}

async function startServer(port: number): Promise<ChildProcess> {
  const server = await startIngestServer(t.url, port);
  children.add(server);
  server.once("exit", () => children.delete(server));
  return server;
}

function startAgent(port: number): ChildProcess {
  return start(["scripts/probes.ts", "--server", `http://127.0.0.1:${port}`, "--token", token, "--data-dir", dataDir]);
}

function takenIds(): string[] {
  const dir = path.join(dataDir, "vantage-1.gcp");
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith("segment-"))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean))
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const takenCount = () => (fs.existsSync(path.join(dataDir, "vantage-1.gcp")) ? takenIds().length : 0);
const storedCount = async () => t.db.checkResult.count();
const kill9 = async (child: ChildProcess) => {
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
};

it("stores every result taken before a kill -9 of the agent or the server exactly once", async () => {
  const port = await findFreePort();
  let server = await startServer(port);
  let agent = startAgent(port);
  await waitUntil(
    "the agent has taken and sent results",
    async () => takenCount() >= 30 && (await storedCount()) >= 10,
  );
  await kill9(agent);
  const takenBeforeAgentKill = takenIds();

  agent = startAgent(port);
  await waitUntil("the restarted agent takes results", () => takenCount() >= takenBeforeAgentKill.length + 20);
  await kill9(server); // mid-run: the agent keeps taking results and buffers them
  const takenWhileServerDown = takenCount();
  await waitUntil("results pile up while the server is down", () => takenCount() >= takenWhileServerDown + 40);
  server = await startServer(port);
  await waitUntil("the agent replays its buffer", async () => (await storedCount()) >= takenWhileServerDown + 40);
  agent.kill("SIGTERM"); // a clean stop flushes what is still buffered
  await new Promise((r) => agent.once("exit", r));
  const taken = takenIds();
  expect(new Set(taken).size).toBe(taken.length);
  for (const id of takenBeforeAgentKill) expect(taken).toContain(id);
  const stored = await t.db.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM "CheckResult"`);
  expect(stored.length).toBe(taken.length);
  expect(new Set(stored.map((r) => r.id))).toEqual(new Set(taken));
  // Rollups count each result once, too.
  const [counted] = await t.db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT sum("upCount" + "degradedCount" + "downCount") AS n FROM "RollupDay"`,
  );
  expect(Number(counted!.n)).toBe(taken.length);
  await kill9(server);
}, 60_000);
