// /metrics as Prometheus reads it: the exposition is scraped over HTTP from a
// server wrapped the way lib/http/web.ts wraps Next (tests/support/metrics-server.ts,
// its own process), parsed with a Prometheus text-format parser, and each figure of the operators' view is found with
// the value the database and the process give it.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { holdWorkerLease, type WorkerLease } from "../../lib/monitoring/worker-lease.ts";
import { createRouteLabeler } from "../../lib/observability/http-routes.ts";
import { instrumentRequests, METRICS_PATH } from "../../lib/observability/instrument.ts";
import { addToCounters, publishOutboxCounters } from "../../lib/observability/metric-counters.ts";
import { createMetricsExposition } from "../../lib/observability/metrics.ts";
import { findFreePort } from "../../lib/database/embedded.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { type Family, parsePrometheusText, sampleValue } from "../support/prometheus-text.ts";

let t: TestDatabase;
let child: ChildProcess;
let base: string;
let probeId: string;
let agentToken: string;
const NOW = new Date();
const TOKEN = "metrics-token-for-the-test-0123456789";

async function listen(handler: http.RequestListener): Promise<http.Server> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return s;
}

async function scrape(): Promise<Map<string, Family>> {
  const response = await fetch(`${base}${METRICS_PATH}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const families = parsePrometheusText(text);
  // A second, independent reader agrees on every counter and gauge.
  for (const other of parsePrometheusTextFormat(text)) {
    if (other.type !== "COUNTER" && other.type !== "GAUGE") continue;
    for (const m of other.metrics) expect(sampleValue(families, other.name, m.labels ?? {})).toBe(Number(m.value));
  }
  return families;
}

const sample = sampleValue;

/** Seconds since the test began: the server's clock moved on while it ran. */
const elapsed = () => (Date.now() - NOW.getTime()) / 1000;

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db, { key: `metrics-${randomUUID().slice(0, 6)}.gcp` });
  const cr = await makeComponentRegion(t.db, (await makeComponent(t.db, (await makeProduct(t.db)).id)).id, region.id);
  const probe = await t.db.probe.create({
    data: {
      componentRegionId: cr.id,
      name: "health",
      kind: "http",
      target: "http://127.0.0.1:9/health",
      intervalSeconds: 30,
      timeoutMs: 5_000,
    },
  });
  probeId = probe.id;
  // Its last evaluated round began 10 minutes ago: the next closed at start + 2 × 30 s + 5 s + 5 s grace.
  await t.db.probeState.create({ data: { probeId, lastRoundStart: new Date(NOW.getTime() - 600_000) } });
  agentToken = (await createAgent(t.db, { name: "metrics-agent", regionKey: region.key })).token;

  for (const minutesAgo of [10, 3])
    await t.db.staffMail.create({
      data: {
        dedupeKey: `metrics-${minutesAgo}`,
        to: "owner@example.test",
        subject: "Reminder",
        text: "t",
        html: "<p>t</p>",
        createdAt: new Date(NOW.getTime() - minutesAgo * 60_000),
      },
    });

  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["--import", "tsx", "tests/support/metrics-server.ts", String(port)], {
    env: { ...process.env, DATABASE_URL: t.url, METRICS_TOKEN: TOKEN, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => d.toString().includes("metrics-server listening") && resolve());
    child.once("exit", (code) => reject(new Error(`the metrics server exited with ${code} before listening`)));
  });
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await t?.drop();
});

describe("request ids", () => {
  it("keeps a sane X-Request-Id from the proxy, and replaces anything else with a new one", async () => {
    const kept = await fetch(`${base}/`, { headers: { "x-request-id": "lb-7f3a9c2e-0001" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a9c2e-0001");
    const forged = await fetch(`${base}/`, { headers: { "x-request-id": 'x","level":"fatal' } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${base}/`);
    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("/metrics", () => {
  it("refuses a scraper without the token, and one with a wrong token", async () => {
    const none = await fetch(`${base}${METRICS_PATH}`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await fetch(`${base}${METRICS_PATH}`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
  });

  it("counts requests by app route and status, never by raw path", async () => {
    await fetch(`${base}/`);
    await fetch(`${base}/`);
    await fetch(`${base}/components/checkout?range=zzz`);
    await fetch(`${base}/components/%63heckout`);
    for (let i = 0; i < 20; i++) await fetch(`${base}/junk-${i}`);
    const families = await scrape();
    expect(sample(families, "bellwether_http_requests_total", { route: "/", method: "GET", status: "200" })).toBe(5);
    expect(sample(families, "bellwether_http_requests_total", { route: "/components/[key]", status: "404" })).toBe(2);
    expect(sample(families, "bellwether_http_requests_total", { route: "other", status: "404" })).toBe(20);
    expect(families.get("bellwether_http_requests_total")!.type).toBe("counter");
    const routes = new Set(families.get("bellwether_http_requests_total")!.samples.map((m) => m.labels.route));
    expect([...routes].some((r) => r?.startsWith("/junk"))).toBe(false);
  });

  it("shows snapshot hits, misses and render times", async () => {
    const families = await scrape();
    expect(
      sample(families, "bellwether_snapshot_requests_total", { route: "home", result: "miss" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(families, "bellwether_snapshot_requests_total", { route: "home", result: "hit" }),
    ).toBeGreaterThanOrEqual(1);
    expect(families.get("bellwether_snapshot_render_seconds")!.type).toBe("histogram");
    const renders = sample(families, "bellwether_snapshot_render_seconds_count", { route: "home", outcome: "ok" });
    expect(renders).toBeGreaterThanOrEqual(1);
    expect(sample(families, "bellwether_snapshot_render_seconds_bucket", { route: "home", le: "+Inf" })).toBe(renders);
  });

  it("counts ingested results, and shows each agent's last push and buffer", async () => {
    const result = () => ({
      id: randomUUID(),
      probeId,
      checkedAt: new Date().toISOString(),
      outcome: "up",
      latencyMs: 12,
      statusCode: 200,
      error: null,
    });
    const batch = { results: [result(), result(), result()] };
    const before = sample(await scrape(), "bellwether_ingested_results_total", { result: "accepted" });
    for (const body of [batch, batch]) {
      const response = await fetch(`${base}/api/ingest/results`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${agentToken}`,
          "content-type": "application/json",
          "x-bellwether-buffered": "1234",
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
    }
    const families = await scrape();
    expect(sample(families, "bellwether_ingested_results_total", { result: "accepted" }) - before).toBe(3);
    expect(sample(families, "bellwether_ingested_results_total", { result: "duplicate" })).toBeGreaterThanOrEqual(3);
    expect(sample(families, "bellwether_agent_buffered_results", { agent: "metrics-agent" })).toBe(1234);
    const lastPush = sample(families, "bellwether_agent_last_push_timestamp_seconds", { agent: "metrics-agent" });
    expect(Math.abs(lastPush * 1000 - Date.now())).toBeLessThan(60_000);
  });

  it("shows the outbox's depth and oldest age, and the senders' totals from every process", async () => {
    await addToCounters(t.db, { "staff.sent": 2 });
    // A sender elsewhere publishes what its stats grew by.
    const stats = { sent: 5, retried: 2, failed: 1, suppressed: 0 };
    const publisher = publishOutboxCounters(t.db, "subscribers", () => stats, 60_000);
    stats.sent = 7;
    await publisher.stop();
    const families = await scrape();
    expect(sample(families, "bellwether_outbox_depth", { outbox: "staff" })).toBe(2);
    expect(sample(families, "bellwether_outbox_depth", { outbox: "subscribers" })).toBe(0);
    const oldest = sample(families, "bellwether_outbox_oldest_age_seconds", { outbox: "staff" });
    expect(oldest).toBeGreaterThanOrEqual(600);
    expect(oldest).toBeLessThanOrEqual(600 + elapsed());
    expect(sample(families, "bellwether_outbox_deliveries_total", { outbox: "subscribers", outcome: "sent" })).toBe(7);
    expect(sample(families, "bellwether_outbox_deliveries_total", { outbox: "subscribers", outcome: "failed" })).toBe(
      1,
    );
    expect(sample(families, "bellwether_outbox_deliveries_total", { outbox: "staff", outcome: "sent" })).toBe(2);
  });

  it("shows the evaluator's lag and whether a replica holds the worker lease", async () => {
    let families = await scrape();
    const lag = sample(families, "bellwether_evaluator_lag_seconds");
    expect(lag).toBeGreaterThanOrEqual(600 - 70);
    expect(lag).toBeLessThanOrEqual(600 - 70 + elapsed());
    expect(sample(families, "bellwether_worker_lease_held")).toBe(0);
    const lease: WorkerLease = holdWorkerLease(t.url, { retryMs: 100 });
    try {
      await expect.poll(() => lease.held).toBe(true);
      families = await scrape();
      expect(sample(families, "bellwether_worker_lease_held")).toBe(1);
      expect(sample(families, "bellwether_database_up")).toBe(1);
    } finally {
      await lease.stop();
    }
  });
});

describe("/metrics without a token", () => {
  it("answers this machine only: a loopback client with no proxy in between", async () => {
    const local = await listen(
      instrumentRequests((_, res) => res.end(), {
        routes: createRouteLabeler([]),
        metrics: createMetricsExposition({ defaultMetrics: false }),
      }),
    );
    const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}${METRICS_PATH}`;
    try {
      const direct = await fetch(url);
      expect(direct.status).toBe(200);
      expect(await direct.text()).toContain("bellwether_http_requests_total");
      // A reverse proxy on this machine passing a remote reader on is not "this machine".
      expect((await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(403);
    } finally {
      local.closeAllConnections();
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });
});
