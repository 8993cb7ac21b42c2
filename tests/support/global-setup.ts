// One throwaway embedded PostgreSQL for the whole integration run, on a free
// port, with a migrated template database that each test file clones.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../../lib/database/embedded.ts";
import { applyMigrations } from "../../lib/database/migrate.ts";

export const TEMPLATE_DATABASE = "bellwether_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the migrated template database; tests clone it, never write to it. */
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-test-"));
  // The embedded server runs as the postgres user when we are root.
  fs.chmodSync(dataDir, 0o755);
  const server = await startEmbeddedDatabase({ dataDir, database: TEMPLATE_DATABASE, throwaway: true });
  await applyMigrations(server.url);
  // Nobody may stay connected to a template, or CREATE DATABASE … TEMPLATE fails.
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(`ALTER DATABASE "${TEMPLATE_DATABASE}" WITH IS_TEMPLATE true`);
  await client.end();
  project.provide("templateDatabaseUrl", server.url);
  return async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
