// Direct access to the e2e server's database, to set up what a test needs.
// The public pages are served from snapshots that are re-rendered when a
// change is announced (lib/public/changes.ts), so every write made here is
// announced too, exactly as the product's own writers do, and the call returns
// once the server has had time to hear it.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { PUBLIC_CHANGE_CHANNEL } from "../../lib/public/changes.ts";
import { sql as query } from "../support/sql.ts";

/** LISTEN delivery is immediate; this covers a busy server's event loop. */
const HEARD_WITHIN_MS = 300;

function databaseUrl(): string {
  return fs.readFileSync(path.join(E2E_DATA_DIR, "database-url"), "utf8");
}

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const rows = await query<T>(databaseUrl(), text, values);
  if (!/^\s*select\b/i.test(text)) {
    await query(databaseUrl(), "SELECT pg_notify($1, 'e2e test data')", [PUBLIC_CHANGE_CHANNEL]);
    await new Promise((resolve) => setTimeout(resolve, HEARD_WITHIN_MS));
  }
  return rows;
}
