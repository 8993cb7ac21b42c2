// Direct access to the e2e server's database, to set up what a test needs.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { sql as query } from "../support/sql.ts";

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return query<T>(fs.readFileSync(path.join(E2E_DATA_DIR, "database-url"), "utf8"), text, values);
}
