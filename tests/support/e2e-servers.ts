// Playwright's web server: one e2e server (tests/support/e2e-server.ts) per
// Playwright worker, started at once rather than one after another, each on
// its own port with its own embedded database. It answers on its own port
// (E2E_READY_PORT) once every one of them answers /api/health, and stops them
// all when it is stopped.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const basePort = Number(process.env.E2E_PORT);
const count = Number(process.env.E2E_WORKERS);
const readyPort = Number(process.env.E2E_READY_PORT);
const dataDirOf = (port: number) => `${process.env.E2E_DATA_DIR_PREFIX}${port}`;

const startedAt = Date.now();
let stopping = false;
const children: ChildProcess[] = [];
/** Two embedded clusters initialised at the same instant make one fail to start: each waits for the previous one's PostgreSQL. */
async function postgresUp(dataDir: string): Promise<void> {
  const pid = path.join(dataDir, "pg", "postmaster.pid");
  for (let waited = 0; waited < 120_000 && !stopping; waited += 100) {
    // A postmaster.pid from an earlier run (killed before it cleaned up) does not count.
    if (fs.existsSync(pid) && fs.statSync(pid).mtimeMs >= startedAt) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
for (let i = 0; i < count; i++) {
  if (i > 0) await postgresUp(dataDirOf(basePort + i - 1));
  const port = basePort + i;
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/e2e-server.ts"], {
    env: { ...process.env, PORT: String(port), BELLWETHER_DATA_DIR: dataDirOf(port) },
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
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
