// The disk under an agent's buffer fills up: a real limit, the shell's
// `ulimit -f` on the agent's process (writes past it fail with EFBIG, as they
// fail with ENOSPC on a full disk). What an operator sees: the agent says so in
// one line, keeps probing and pushing, and does not crash or restart in a loop;
// every result it did write is stored exactly once.
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

/** The agent's largest file, in 1 KiB blocks: a buffer segment reaches it after a few dozen results. */
const FILE_LIMIT_KIB = 6;

let t: TestDatabase;
let server: ChildProcess | undefined;
let agent: ChildProcess | undefined;
let target: http.Server;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-disk-full-"));

beforeAll(async () => {
  t = await createTestDatabase();
  target = http.createServer((_, res) => res.end("ok"));
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  agent?.kill("SIGKILL");
  server?.kill("SIGKILL");
  target.close();
  await t.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("says the buffer's disk is full, keeps probing and pushing, and does not crash", async () => {
  const port = await findFreePort();
  server = await startIngestServer(t.url, port);
  const region = await makeRegion(t.db, { key: "full-disk-1.gcp" });
  const product = await makeProduct(t.db);
  for (let i = 0; i < 10; i++) {
    const component = await makeComponent(t.db, product.id);
    await t.db.probe.create({
      data: {
        componentRegionId: (await makeComponentRegion(t.db, component.id, region.id)).id,
        name: "health",
        kind: "http",
        target: `http://127.0.0.1:${(target.address() as { port: number }).port}/health`,
        intervalSeconds: 1,
      },
    });
  }
  const { token } = await createAgent(t.db, { name: "full disk", regionKey: region.key });

  const lines: string[] = [];
  const command = `ulimit -f ${FILE_LIMIT_KIB}; exec "${process.execPath}" --import tsx scripts/probes.ts --server http://127.0.0.1:${port} --token ${token} --data-dir ${dataDir}`;
  agent = spawn("bash", ["-c", command], { stdio: ["ignore", "pipe", "pipe"] });
  const collect = (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  agent.stdout!.on("data", collect);
  agent.stderr!.on("data", collect);
  let exited: number | null | undefined;
  agent.once("exit", (code) => {
    exited = code;
  });

  // It says so, in one line that names the buffer and the error.
  await expect
    .poll(() => lines.find((l) => l.includes("cannot write to the result buffer")), { timeout: 30_000 })
    .toMatch(
      /\[full-disk-1\.gcp\] cannot write to the result buffer in .+ \(EFBIG: is the disk full\?\); results are dropped until it is writable, probing goes on/,
    );
  const storedAtFailure = await t.db.checkResult.count();

  // It keeps probing and pushing: more results arrive after the failure, from the same process.
  await expect.poll(() => t.db.checkResult.count(), { timeout: 30_000 }).toBeGreaterThan(storedAtFailure + 20);
  expect(exited).toBeUndefined();
  expect(lines.filter((l) => /probe agents running/.test(l))).toHaveLength(1);
  expect(lines.some((l) => /failed to run|Error:/.test(l))).toBe(false);

  // What it wrote is stored, and counted once. (Acknowledged segments are deleted, so the files hold only the tail.)
  agent.kill("SIGTERM");
  await new Promise((resolve) => agent!.once("exit", resolve));
  const kept = fs
    .readdirSync(path.join(dataDir, region.key))
    .filter((f) => f.startsWith("segment-"))
    .flatMap((f) =>
      fs
        .readFileSync(path.join(dataDir, region.key, f), "utf8")
        .split("\n")
        .slice(0, -1),
    )
    .map((line) => (JSON.parse(line) as { id: string }).id);
  expect(await t.db.checkResult.count({ where: { id: { in: kept } } })).toBe(kept.length);
  const stored = await t.db.checkResult.count();
  const minutes = await t.db.rollupMinute.aggregate({ _sum: { upCount: true, degradedCount: true, downCount: true } });
  expect((minutes._sum.upCount ?? 0) + (minutes._sum.degradedCount ?? 0) + (minutes._sum.downCount ?? 0)).toBe(stored);
});
