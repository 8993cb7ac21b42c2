// Starts tests/support/public-server.ts in a process of its own (so that
// lib/env.ts reads this test's DATABASE_URL and PUBLIC_URL) and waits until it listens.
import { type ChildProcess, spawn } from "node:child_process";
import { findFreePort } from "../../lib/database/embedded.ts";

export interface PublicServer {
  base: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  stop(): void;
}

export async function startPublicServer(databaseUrl: string, publicUrl: string): Promise<PublicServer> {
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/public-server.ts", String(port)],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, PUBLIC_URL: publicUrl, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the public server exited with ${code} before listening`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return { base, get: (path, init) => fetch(`${base}${path}`, init), stop: () => child.kill("SIGKILL") };
}
