// A throwaway embedded PostgreSQL for one benchmark: fresh data directory,
// migrated schema, removed again when the benchmark ends.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../lib/database/embedded.ts";
import { applyMigrations } from "../lib/database/migrate.ts";

export interface BenchDatabase {
  url: string;
  dataDir: string;
  /** Restarts the server, e.g. after ALTER SYSTEM of a setting that needs it. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bellwether-bench-${name}-`));
  // The embedded server runs as the postgres user when we are root.
  fs.chmodSync(dataDir, 0o755);
  let server = await startEmbeddedDatabase({ dataDir, database: "bellwether_bench" });
  await applyMigrations(server.url);
  const handle: BenchDatabase = {
    url: server.url,
    dataDir,
    async restart() {
      await server.stop();
      server = await startEmbeddedDatabase({ dataDir, database: "bellwether_bench" });
      handle.url = server.url;
    },
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Runs statements on one plain pg connection (bulk SQL the ORM has no say in). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
