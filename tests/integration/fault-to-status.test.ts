// The whole path a customer relies on: a fault injected into the simulated
// platform is checked by agents from several vantages, pushed through the
// real ingest route, confirmed by the round evaluator, and shown per region
// in the overview; clearing it brings the status back the same way.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import { DEFAULT_CONFIRM_ROUNDS } from "../../lib/domain/confirmation.ts";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { evaluateDueRounds, ROUND_GRACE_MS } from "../../lib/monitoring/evaluate-rounds.ts";
import { seedPlatform } from "../../lib/seed/seed-platform.ts";
import { getStatusOverview } from "../../lib/public/overview.ts";
import { type RunningAgent, startAgent } from "../../probes/agent.ts";
import { startSimulator } from "../../simulator/server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { startIngestServer } from "../support/ingest-server-process.ts";

const INTERVAL_S = 2;
const TIMEOUT_MS = 1000;
const VANTAGES = ["europe-west1.gcp", "us-central1.gcp", "eu-central-1.aws"];

let t: TestDatabase;
let simulator: { url: string; close(): Promise<void> };
let server: ChildProcess;
const agents: RunningAgent[] = [];
let evaluator: NodeJS.Timeout;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-pipeline-"));

beforeAll(async () => {
  t = await createTestDatabase();
  simulator = await startSimulator({ host: "127.0.0.1", port: await findFreePort() });
  await seedPlatform(t.db, { simulatorUrl: simulator.url });
  // Only checkout is probed here, every 2 s, to keep the test quick and light.
  await t.db.probe.updateMany({ data: { enabled: false } });
  await t.db.probe.updateMany({
    where: { componentRegion: { component: { key: "checkout" } } },
    data: { enabled: true, intervalSeconds: INTERVAL_S, timeoutMs: TIMEOUT_MS },
  });

  const port = await findFreePort();
  server = await startIngestServer(t.url, port);
  for (const vantage of VANTAGES) {
    const { token } = await createAgent(t.db, { name: `test-${vantage}`, regionKey: vantage });
    agents.push(await startAgent({ server: `http://127.0.0.1:${port}`, token, dataDir, log: () => {} }));
  }
  evaluator = setInterval(() => void evaluateDueRounds(t.db, new Date()).catch(() => {}), 500);
}, 120_000);

afterAll(async () => {
  clearInterval(evaluator);
  await Promise.all(agents.map((a) => a.stop()));
  server?.kill("SIGKILL");
  await simulator?.close();
  await t.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function checkoutStatus(region: string) {
  const overview = await getStatusOverview(t.db, new Date());
  const checkout = overview.products.flatMap((p) => p.components).find((c) => c.key === "checkout")!;
  return checkout.cells[overview.regions.findIndex((r) => r.key === region)]?.status;
}

async function waitFor(region: string, status: string, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if ((await checkoutStatus(region)) === status) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `checkout in ${region} did not become ${status} within ${withinMs} ms (is ${await checkoutStatus(region)})`,
  );
}

async function chaos(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${simulator.url}${pathname}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.ok).toBe(true);
}

it("shows an injected outage in the right region, and its recovery, within two intervals plus confirmation", async () => {
  // Two probe intervals, K rounds to confirm, the round's grace, and a few evaluator ticks.
  const bound = (2 + DEFAULT_CONFIRM_ROUNDS) * INTERVAL_S * 1000 + TIMEOUT_MS + ROUND_GRACE_MS + 2000;
  await waitFor("us-central1.gcp", "operational", 60_000);

  await chaos("POST", "/_chaos/faults", {
    component: "checkout",
    region: "us-central1.gcp",
    mode: "down",
    forSeconds: 300,
  });
  const detected = await waitFor("us-central1.gcp", "major_outage", bound * 2);
  console.log(`outage shown after ${detected} ms (bound ${bound} ms)`);
  for (const other of ["europe-west1.gcp", "eu-central-1.aws", "us-east-2.aws"])
    expect(await checkoutStatus(other)).toBe("operational");

  const change = await t.db.statusChange.findFirstOrThrow({
    where: { toStatus: "major_outage" },
    orderBy: { at: "desc" },
  });
  expect(change.evidence).toMatchObject({
    failing: expect.arrayContaining([expect.objectContaining({ error: expect.stringContaining("503") })]),
  });

  await chaos("DELETE", "/_chaos/faults");
  const recovered = await waitFor("us-central1.gcp", "operational", bound * 2);
  console.log(`recovery shown after ${recovered} ms`);
}, 180_000);

it("shows a fault seen from one vantage only (--vantage) as a partial outage, never a major one", async () => {
  const bound = (2 + DEFAULT_CONFIRM_ROUNDS) * INTERVAL_S * 1000 + TIMEOUT_MS + ROUND_GRACE_MS + 2000;
  await waitFor("us-central1.gcp", "operational", 60_000);
  // A change is dated from the first round of its evidence: at most one interval before the fault.
  const since = new Date(Date.now() - INTERVAL_S * 1000);

  await chaos("POST", "/_chaos/faults", {
    component: "checkout",
    region: "us-central1.gcp",
    vantage: "eu-central-1.aws",
    mode: "down",
    forSeconds: 300,
  });
  await waitFor("us-central1.gcp", "partial_outage", bound * 2);
  const change = await t.db.statusChange.findFirstOrThrow({
    where: { toStatus: "partial_outage", at: { gte: since } },
    orderBy: { at: "desc" },
  });
  expect((change.evidence as { failing: { vantage: string }[] }).failing.map((f) => f.vantage)).toEqual([
    "eu-central-1.aws",
  ]);
  // Longer than a full outage takes to confirm: still partial.
  await new Promise((resolve) => setTimeout(resolve, bound));
  expect(await checkoutStatus("us-central1.gcp")).toBe("partial_outage");
  expect(await t.db.statusChange.count({ where: { toStatus: "major_outage", at: { gte: since } } })).toBe(0);

  await chaos("DELETE", "/_chaos/faults");
  await waitFor("us-central1.gcp", "operational", bound * 2);
}, 180_000);
