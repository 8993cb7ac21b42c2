// Findings 7 and 8, through the real ingest route handler over HTTP, the body
// streamed to it as Next streams it (tests/support/streaming-ingest-server.ts): a chunked body was
// read whole before the 5 MiB check, and checkedAt had no lower bound (an
// agent token could backfill 1970). Now bytes are counted while reading and
// 413 comes as soon as the limit is passed; results older than the agent
// replay window get 400, and late batches inside it are logged.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";

let t: TestDatabase;
let token: string;
let probeId: string;
let server: ChildProcess;
let port: number;
let logged = "";
const DAY = 86_400_000;
const MIB = 1024 * 1024;

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db, { key: "vantage-security.gcp" });
  const cr = await makeComponentRegion(t.db, (await makeComponent(t.db, (await makeProduct(t.db)).id)).id, region.id);
  probeId = (
    await t.db.probe.create({
      data: { componentRegionId: cr.id, name: "health", kind: "http", target: "http://127.0.0.1:9/health" },
    })
  ).id;
  token = (await createAgent(t.db, { name: "security-test", regionKey: "vantage-security.gcp" })).token;
  port = await findFreePort();
  server = spawn(process.execPath, ["--import", "tsx", "tests/support/streaming-ingest-server.ts", String(port)], {
    env: { ...process.env, DATABASE_URL: t.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Log lines are JSON on stdout (lib/observability/log.ts); errors of the fixture itself go to stderr.
  for (const stream of [server.stdout!, server.stderr!])
    stream.on("data", (d: Buffer) => {
      logged += d.toString();
    });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    server.once("exit", (code) => reject(new Error(`the ingest server exited with ${code}`)));
  });
});
afterAll(async () => {
  server?.kill("SIGKILL");
  await t.drop();
});

const ingest = (body: string) =>
  fetch(`http://127.0.0.1:${port}/api/ingest/results`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });

/** Sends whitespace in chunks, with no Content-Length, until the server answers; resolves with the answer and the bytes sent by then. */
function chunkedUpload(totalBytes: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/ingest/results",
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
        },
      },
      (response) => {
        answered = true;
        const atAnswer = sent;
        const parts: Buffer[] = [];
        response.on("data", (d: Buffer) => parts.push(d));
        response.on("end", () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString(), sent: atAnswer });
        });
      },
    );
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", write);
      }
      if (!answered) request.end();
    };
    write();
  });
}

const result = (checkedAt: Date) => ({
  id: randomUUID(),
  probeId,
  checkedAt: checkedAt.toISOString(),
  outcome: "up",
  latencyMs: 42,
  statusCode: 200,
  error: null,
});

describe("a chunked body", () => {
  it("is counted while it is read: 413 as soon as it passes 5 MiB, long before the 64 MiB it would send", async () => {
    const { status, body, sent } = await chunkedUpload(64 * MIB);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "The body is larger than 5242880 bytes." },
    });
    // What the sockets' buffers hold on top of the 5 MiB read.
    expect(sent).toBeLessThan(24 * MIB);
  });

  it("under the limit is read whole and stored", async () => {
    const response = await ingest(JSON.stringify({ results: [result(new Date())] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0 });
  });
});

describe("checkedAt", () => {
  it("older than the agent replay window (7 days) is refused with 400, logged, and nothing of the batch is stored", async () => {
    logged = "";
    for (const at of [new Date(0), new Date(Date.now() - 8 * DAY)]) {
      const kept = result(new Date());
      const response = await ingest(JSON.stringify({ results: [kept, result(at)] }));
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toMatch(/older than the agent replay window of 7 days/);
      expect(await t.db.checkResult.findFirst({ where: { id: kept.id } })).toBeNull();
    }
    expect(logged.match(/refused a batch from agent security-test/g)).toHaveLength(2);
  });

  it("inside the window is stored, and a late batch is logged with its agent and age", async () => {
    logged = "";
    const late = result(new Date(Date.now() - 6 * DAY));
    const response = await ingest(JSON.stringify({ results: [late] }));
    expect(response.status).toBe(200);
    expect(await t.db.checkResult.findFirst({ where: { id: late.id } })).not.toBeNull();
    expect(logged).toMatch(/late batch from agent security-test: 1 result\(s\), the oldest 6 d old/);
    // A batch of fresh results says nothing.
    logged = "";
    await ingest(JSON.stringify({ results: [result(new Date())] }));
    expect(logged).toBe("");
  });
});
