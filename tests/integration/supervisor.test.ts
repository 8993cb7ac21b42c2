// Roles in their own processes (scripts/supervisor.ts): a crashed role comes
// back by itself, a supervisor killed with -9 leaves nothing running, and
// `npm start -- --role worker` runs the worker alone and stops on SIGTERM.
import { type ChildProcess, fork, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import type { SupervisedRole } from "../../scripts/supervisor.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let database: TestDatabase;
let dataDir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-supervisor-"));
});
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function roleEnv() {
  const simulatorPort = await findFreePort();
  return {
    env: {
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(40),
      DATABASE_URL: database.url,
      BELLWETHER_DATA_DIR: dataDir,
      SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
      MAIL_CATCHER_PORT: String(await findFreePort()),
    },
    simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
  };
}

async function startSupervisor(env: Record<string, string>) {
  const child = fork(path.resolve("tests/support/supervised-roles.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  started.push(child);
  const ready = await new Promise<{ roles: SupervisedRole[] }>((resolve, reject) => {
    child.once("message", (message) => resolve(message as { roles: SupervisedRole[] }));
    child.once("exit", (code) => reject(new Error(`the supervisor exited (${code})`)));
  });
  const roles = () =>
    new Promise<SupervisedRole[]>((resolve) => {
      child.once("message", (message) => resolve((message as { roles: SupervisedRole[] }).roles));
      child.send("roles");
    });
  return { child, pids: ready.roles.map((r) => r.pid!), roles };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/_chaos/faults`)).ok;
  } catch {
    return false;
  }
}

describe("the supervisor", () => {
  it("runs each role in its own process and restarts one that dies", async () => {
    const { env, simulatorUrl } = await roleEnv();
    const { child, pids, roles } = await startSupervisor(env);
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(child.pid);
    expect(await answers(simulatorUrl)).toBe(true);

    const simulator = (await roles()).find((r) => r.role === "simulator")!;
    process.kill(simulator.pid!, "SIGKILL");
    await expect.poll(() => answers(simulatorUrl), { timeout: 15_000 }).toBe(true);
    const after = (await roles()).find((r) => r.role === "simulator")!;
    expect(after.pid).not.toBe(simulator.pid);
    expect(after.restarts).toBe(1);

    child.kill("SIGTERM");
    await expect.poll(() => [...pids, after.pid].filter(alive), { timeout: 15_000 }).toEqual([]);
  });

  it("leaves nothing running when it is killed with -9", async () => {
    const { env, simulatorUrl } = await roleEnv();
    const { child, pids } = await startSupervisor(env);
    expect(pids.every(alive)).toBe(true);
    child.kill("SIGKILL");
    await expect.poll(() => pids.filter(alive), { timeout: 15_000 }).toEqual([]);
    expect(await answers(simulatorUrl)).toBe(false);
  });
});

describe("npm start -- --role worker", () => {
  it("runs the worker alone, with no web server, and stops on SIGTERM", async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--role", "worker"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "production",
        AUTH_SECRET: "x".repeat(40),
        DATABASE_URL: database.url,
        BELLWETHER_DATA_DIR: dataDir,
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.push(child);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 30_000 }).toContain("Bellwether (worker)");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
