// Test fixture: real monitoring beside the e2e server, for browser tests that
// need a fault to become a confirmed outage. It starts the simulated platform,
// points the given components' probes at it (every INTERVAL_S, others off),
// runs probe agents from three vantages that push to the e2e server's ingest
// API, and the monitoring worker (round evaluation and what follows it).
// Usage: DATABASE_URL=… node --import tsx tests/support/e2e-monitoring.ts <server url> <component,…>
// Prints "ready <simulator url>"; SIGTERM stops everything.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [serverUrl, components = "checkout", timeoutArg] = process.argv.slice(2);
if (!serverUrl) throw new Error("usage: e2e-monitoring.ts <server url> <component,…>");
const INTERVAL_S = 2;
// Long enough that a busy CI machine does not turn slow answers into failed checks: the faults the specs inject
// answer at once (503) or are told their own timeout (the creep spec passes 1000 ms to see checks time out).
const DEFAULT_TIMEOUT_MS = 5000;
const TIMEOUT_MS = timeoutArg ? Number(timeoutArg) : DEFAULT_TIMEOUT_MS;
const VANTAGES = ["europe-west1.gcp", "us-central1.gcp", "eu-central-1.aws"];

const { createDb } = await import("../../lib/db.ts");
const { findFreePort } = await import("../../lib/database/embedded.ts");
const { createAgent } = await import("../../lib/monitoring/agents.ts");
const { startMonitoringWorker } = await import("../../lib/monitoring/worker.ts");
const { healthUrl } = await import("../../lib/platform/catalog.ts");
const { startAgent } = await import("../../probes/agent.ts");
const { startSimulator } = await import("../../simulator/server.ts");

const db = createDb(process.env.DATABASE_URL!, { max: 3 });
const simulator = await startSimulator({ host: "127.0.0.1", port: await findFreePort() });
const watched = components.split(",");

await db.probe.updateMany({ data: { enabled: false } });
const probes = await db.probe.findMany({
  where: { componentRegion: { component: { key: { in: watched } } } },
  select: {
    id: true,
    componentRegion: { select: { component: { select: { key: true } }, region: { select: { key: true } } } },
  },
});
for (const probe of probes) {
  await db.probe.update({
    where: { id: probe.id },
    data: {
      enabled: true,
      intervalSeconds: INTERVAL_S,
      timeoutMs: TIMEOUT_MS,
      target: healthUrl(simulator.url, probe.componentRegion.region.key, probe.componentRegion.component.key),
    },
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-e2e-agents-"));
const suffix = Date.now().toString(36);
const agents: Awaited<ReturnType<typeof startAgent>>[] = [];
for (const vantage of VANTAGES) {
  const { token } = await createAgent(db, { name: `e2e-${vantage}-${suffix}`, regionKey: vantage });
  agents.push(await startAgent({ server: serverUrl, token, dataDir, log: () => {} }));
}
const worker = startMonitoringWorker(db, { retentionDays: 30, log: () => {} });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.all(agents.map((a) => a.stop()));
  await worker.stop();
  await simulator.close();
  await db.$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
console.log(`ready ${simulator.url}`);
