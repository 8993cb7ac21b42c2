// The demo's database: data survives restarts, and no PostgreSQL outlives the
// process that started it, whether it stops on Ctrl-C or is killed with -9.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "../../lib/database/embedded.ts";
import { sql } from "../support/sql.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-embedded-"));
fs.chmodSync(dataDir, 0o755);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

async function hold(): Promise<{ child: ChildProcess; url: string; postmasterPid: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/hold-database.ts", dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const first = out.split("\n").find((l) => l.startsWith("{"));
      if (first) resolve(first);
    });
    child.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
  });
  return { child, ...JSON.parse(line) };
}

describe("the embedded PostgreSQL", () => {
  it("keeps its data between runs and stops on Ctrl-C", async () => {
    const first = await hold();
    await sql(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    first.child.kill("SIGINT");
    expect(await waitUntil(() => !alive(first.postmasterPid), 20_000)).toBe(true);

    const second = await hold();
    expect(await sql<{ note: string }>(second.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    second.child.kill("SIGINT");
    expect(await waitUntil(() => !alive(second.postmasterPid), 20_000)).toBe(true);
  });

  it("leaves no PostgreSQL behind when its owner is killed with -9", async () => {
    const held = await hold();
    held.child.kill("SIGKILL");
    expect(await waitUntil(() => !alive(held.postmasterPid), 30_000)).toBe(true);
    // And the next run starts cleanly on the same data.
    const again = await hold();
    expect(await sql<{ note: string }>(again.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    again.child.kill("SIGINT");
    expect(await waitUntil(() => !alive(again.postmasterPid), 20_000)).toBe(true);
  });

  it("lets a read-only command share a running demo's PostgreSQL instead of stopping it", async () => {
    const demo = await hold();
    const shared = await startEmbeddedDatabase({ dataDir, shareRunning: true });
    expect(shared.url).toBe(demo.url);
    expect(await sql<{ note: string }>(shared.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    await shared.stop();
    expect(alive(demo.postmasterPid)).toBe(true);
    expect(await sql<{ one: number }>(demo.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    demo.child.kill("SIGINT");
    expect(await waitUntil(() => !alive(demo.postmasterPid), 20_000)).toBe(true);
  });
});
