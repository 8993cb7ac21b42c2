// Direct access to the e2e server's database, to set up what a test needs.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E_DATA_DIR } from "../../playwright.config.ts";

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const url = fs.readFileSync(path.join(E2E_DATA_DIR, "database-url"), "utf8");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
