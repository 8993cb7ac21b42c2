// Direct access to the e2e server's database, to set up what a test needs.
// The public pages are served from snapshots that are re-rendered when a
// change is announced (lib/public/changes.ts), so every write made here is
// announced too, exactly as the product's own writers do, and the call returns
// once the server has heard it: its snapshot generation has moved on.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import type pg from "pg";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { PUBLIC_CHANGE_CHANNEL } from "../../lib/public/changes.ts";
import { sql as query, sqlTransaction } from "../support/sql.ts";

/** LISTEN delivery is immediate; a server that has not heard within this is broken. */
const HEARD_WITHIN_MS = 10_000;

function databaseUrl(): string {
  return fs.readFileSync(path.join(E2E_DATA_DIR, "database-url"), "utf8");
}

const controlUrl = () => fs.readFileSync(path.join(E2E_DATA_DIR, "control-url"), "utf8");

async function snapshotGeneration(): Promise<number> {
  return ((await (await fetch(controlUrl())).json()) as { generation: number }).generation;
}

/** From now on the server's mail catcher takes this long to accept each message, as a distant mail server does. */
export async function setSmtpDelay(ms: number): Promise<void> {
  expect((await fetch(`${controlUrl()}/smtp-delay?ms=${ms}`, { method: "POST" })).ok).toBe(true);
}

/** Announces a change as the product's writers do and returns once the server's snapshots are due for it. */
export async function announceChange(): Promise<void> {
  const before = await snapshotGeneration();
  await query(databaseUrl(), "SELECT pg_notify($1, 'e2e test data')", [PUBLIC_CHANGE_CHANNEL]);
  await expect
    .poll(snapshotGeneration, { timeout: HEARD_WITHIN_MS, intervals: [5, 10, 25, 50] })
    .toBeGreaterThan(before);
}

/** Inside oneAnnouncement: whether a write is waiting to be announced. */
const deferred = new AsyncLocalStorage<{ written: boolean }>();

/**
 * Runs a fixture's writes and announces them once at the end, not once each. Each announcement makes the server
 * re-render every page read in the last minute and waits out its snapshot cache's debounce (150 ms).
 */
export async function oneAnnouncement<T>(writes: () => Promise<T>): Promise<T> {
  if (deferred.getStore()) return writes();
  const scope = { written: false };
  try {
    return await deferred.run(scope, writes);
  } finally {
    if (scope.written) await announceChange();
  }
}

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const rows = await query<T>(databaseUrl(), text, values);
  if (!/^\s*select\b/i.test(text)) await announced();
  return rows;
}

async function announced(): Promise<void> {
  const scope = deferred.getStore();
  if (scope) scope.written = true;
  else await announceChange();
}

/** Several writes in one transaction, one announcement: fixtures that write many rows wait once. */
export async function sqlBatch(statements: { text: string; values?: unknown[] }[]): Promise<void> {
  await sqlTransaction(databaseUrl(), statements);
  await announced();
}

/** A write to what no public page reads (the rate-limit buckets): nothing to announce (see oneAnnouncement's cost). */
export async function sqlUnannounced(text: string, values: unknown[] = []): Promise<void> {
  await query(databaseUrl(), text, values);
}
