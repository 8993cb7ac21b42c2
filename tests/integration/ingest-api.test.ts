// The ingest API as an agent meets it: the real route handlers over HTTP.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { startIngestServer } from "../support/ingest-server-process.ts";

let t: TestDatabase;
let server: ChildProcess;
let base: string;
let token: string;
let probeId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db, { key: "vantage-api.gcp" });
  const cr = await makeComponentRegion(t.db, (await makeComponent(t.db, (await makeProduct(t.db)).id)).id, region.id);
  probeId = (
    await t.db.probe.create({
      data: { componentRegionId: cr.id, name: "health", kind: "http", target: "http://127.0.0.1:9/health" },
    })
  ).id;
  token = (await createAgent(t.db, { name: "api-test", regionKey: "vantage-api.gcp" })).token;
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  server = await startIngestServer(t.url, port);
});

afterAll(async () => {
  server?.kill("SIGKILL");
  await t.drop();
});

function post(body: string, auth: string | null = `Bearer ${token}`) {
  return fetch(`${base}/api/ingest/results`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    body,
  });
}

const result = () => ({
  id: randomUUID(),
  probeId,
  checkedAt: new Date().toISOString(),
  outcome: "up",
  latencyMs: 42,
  statusCode: 200,
  error: null,
});

describe("POST /api/ingest/results", () => {
  it("stores a batch once, with the vantage of the agent's token", async () => {
    const batch = JSON.stringify({ results: [result(), result()] });
    const first = await post(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
    expect(await (await post(batch)).json()).toEqual({ accepted: 0, duplicates: 2 });
    const stored = await t.db.checkResult.findMany({ where: { probeId } });
    const vantage = await t.db.region.findUniqueOrThrow({ where: { key: "vantage-api.gcp" } });
    expect(stored.map((r) => r.vantageRegionId)).toEqual([vantage.id, vantage.id]);
  });

  it("answers garbage with a 400 that says what is wrong, and no stack trace", async () => {
    const notJson = await post("{results: nope");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: { code: "BAD_REQUEST", message: "The body is not valid JSON." } });

    const badField = await post(JSON.stringify({ results: [{ ...result(), latencyMs: -5 }] }));
    expect(badField.status).toBe(400);
    const body = (await badField.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^Invalid batch at results\.0\.latencyMs: /);
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it("refuses a missing, unknown or revoked token with 401", async () => {
    expect((await post(JSON.stringify({ results: [result()] }), null)).status).toBe(401);
    expect((await post(JSON.stringify({ results: [result()] }), "Bearer bwa_not-a-real-token")).status).toBe(401);
    await t.db.probeAgent.update({ where: { name: "api-test" }, data: { revokedAt: new Date() } });
    const revoked = await post(JSON.stringify({ results: [result()] }));
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    await t.db.probeAgent.update({ where: { name: "api-test" }, data: { revokedAt: null } });
  });
});

describe("GET /api/ingest/config", () => {
  it("gives an agent the probes to run from its vantage", async () => {
    const response = await fetch(`${base}/api/ingest/config`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const config = (await response.json()) as { agent: { vantage: string }; probes: { id: string; kind: string }[] };
    expect(config.agent.vantage).toBe("vantage-api.gcp");
    expect(config.probes).toContainEqual(expect.objectContaining({ id: probeId, kind: "http" }));
  });
});
