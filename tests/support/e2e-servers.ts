// Playwright's web server: one e2e server (tests/support/e2e-server.ts) per
// Playwright worker, started at once, each on its own port with its own
// database. The databases live in one throwaway embedded PostgreSQL cluster
// started here (one initdb, not one per server). It answers on its own port
// (E2E_READY_PORT) once every server answers /api/health, and stops them all,
// then the cluster, when it is stopped.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import pg from "pg";
import { startEmbeddedDatabase } from "../../lib/database/embedded.ts";

const basePort = Number(process.env.E2E_PORT);
const count = Number(process.env.E2E_WORKERS);
const readyPort = Number(process.env.E2E_READY_PORT);
const dataDirOf = (port: number) => `${process.env.E2E_DATA_DIR_PREFIX}${port}`;

let stopping = false;
const children: ChildProcess[] = [];

const clusterDir = `${process.env.E2E_DATA_DIR_PREFIX}cluster-${basePort}`;
fs.rmSync(clusterDir, { recursive: true, force: true });
fs.mkdirSync(clusterDir, { recursive: true });
// The embedded server runs as the postgres user when we are root.
fs.chmodSync(clusterDir, 0o755);
const cluster = await startEmbeddedDatabase({
  dataDir: clusterDir,
  database: "postgres",
  throwaway: true,
  log: (line) => console.log(`  ${line}`),
});
const databaseUrl = (name: string) => {
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
};
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
for (let i = 0; i < count; i++) await admin.query(`CREATE DATABASE "e2e_${basePort + i}"`);
await admin.end();

for (let i = 0; i < count; i++) {
  const port = basePort + i;
  // Each server migrates and seeds its own database, as `npm run demo` does on an empty one.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/e2e-server.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      BELLWETHER_DATA_DIR: dataDirOf(port),
      DATABASE_URL: databaseUrl(`e2e_${port}`),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`e2e server on port ${port} stopped (${signal ?? code}); stopping the others`);
      void stop(1);
    }
  });
  children.push(child);
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
  } catch {
    return false;
  }
}

const ready = http.createServer(async (_req, res) => {
  const all = await Promise.all(children.map((_, i) => healthy(basePort + i)));
  res.writeHead(all.every(Boolean) ? 200 : 503).end();
});
ready.listen(readyPort, "127.0.0.1");

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  ready.close();
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
  await cluster.stop();
  fs.rmSync(clusterDir, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
