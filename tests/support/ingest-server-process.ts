// Starts tests/support/ingest-server.ts in a process of its own and waits
// until it listens; tests kill it (also with -9) to play a server crash.
import { type ChildProcess, spawn } from "node:child_process";

export async function startIngestServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["--import", "tsx", "tests/support/ingest-server.ts", String(port)], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    server.once("exit", (code) => reject(new Error(`the ingest server exited with ${code} before listening`)));
  });
  return server;
}
