// Where the database comes from: DATABASE_URL when set, otherwise the
// project's own embedded PostgreSQL under BELLWETHER_DATA_DIR.
import path from "node:path";
import pg from "pg";
import type { Env } from "../env.ts";
import { startEmbeddedDatabase } from "./embedded.ts";

export interface ProvisionedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** Connects once; turns a failure into one sentence a person can act on. */
export async function checkConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { code?: string };
    const reason =
      e.code === "ECONNREFUSED"
        ? "nothing is listening there"
        : e.code === "ENOTFOUND" || e.code === "EAI_AGAIN"
          ? "the host name does not resolve"
          : e.code === "28P01" || e.code === "28000"
            ? "the user name or password is wrong"
            : e.code === "3D000"
              ? "that database does not exist"
              : e.message || String(error);
    throw new Error(`Cannot connect to the database at ${redactUrl(url)}: ${reason}. Check DATABASE_URL.`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `shareRunning`: for read-only commands, use the embedded PostgreSQL a running demo started rather than stop it. */
export async function provisionDatabase(
  env: Env,
  log: (line: string) => void = () => {},
  options: { shareRunning?: boolean } = {},
): Promise<ProvisionedDatabase> {
  if (env.DATABASE_URL) {
    await checkConnection(env.DATABASE_URL);
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const embedded = await startEmbeddedDatabase({
    dataDir: path.resolve(env.BELLWETHER_DATA_DIR),
    port: 54329,
    log,
    shareRunning: options.shareRunning,
  });
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}
