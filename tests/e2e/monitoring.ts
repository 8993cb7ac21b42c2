// Starts tests/support/e2e-monitoring.ts for a browser test, injects faults
// through the simulator's chaos API, and leaves the database as it found it.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { sql, sqlBatch } from "./database.ts";

export interface Monitoring {
  simulatorUrl: string;
  injectFault(fault: { component: string; region?: string; mode: string; forSeconds?: number }): Promise<void>;
  clearFaults(): Promise<void>;
  stop(): Promise<void>;
}

type ProbeRow = { id: string; enabled: boolean; target: string; intervalSeconds: number; timeoutMs: number };

/** Probes every 2 s from five vantages; `timeoutMs` is the probes' timeout (default 5 s, see e2e-monitoring.ts). */
export async function startMonitoring(
  serverUrl: string,
  components: string[],
  options: { timeoutMs?: number } = {},
): Promise<Monitoring> {
  const databaseUrl = fs.readFileSync(path.join(E2E_DATA_DIR, "database-url"), "utf8");
  const saved = await sql<ProbeRow>(`SELECT id, enabled, target, "intervalSeconds", "timeoutMs" FROM "Probe"`);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "tests/support/e2e-monitoring.ts",
      serverUrl,
      components.join(","),
      String(options.timeoutMs ?? ""),
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const simulatorUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      const match = /ready (\S+)/.exec(d.toString());
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the monitoring fixture exited with ${code} before it was ready`)));
  });

  const chaos = async (method: string, pathname: string, body?: unknown) => {
    const response = await fetch(`${simulatorUrl}${pathname}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`chaos ${method} ${pathname}: ${response.status} ${await response.text()}`);
  };

  return {
    simulatorUrl,
    injectFault: (fault) => chaos("POST", "/_chaos/faults", { forSeconds: 600, ...fault }),
    clearFaults: () => chaos("DELETE", "/_chaos/faults"),
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      // Back to "no data yet" for the watched components, and the probes as they were: one transaction, one
      // announcement (a statement each, announced one by one, kept the suite's last test waiting about 10 s).
      const where = `"componentRegionId" IN (SELECT cr.id FROM "ComponentRegion" cr JOIN "Component" c ON c.id = cr."componentId" WHERE c.key = ANY($1))`;
      await sqlBatch([
        ...["CheckResult", "RollupMinute", "RollupHour", "RollupDay", "StatusChange"].map((table) => ({
          text: `DELETE FROM "${table}" WHERE ${where}`,
          values: [components],
        })),
        { text: `DELETE FROM "ProbeState"` },
        { text: `UPDATE "ComponentRegion" SET "probeStatus" = NULL, "probeStatusSince" = NULL, "lastResultAt" = NULL` },
        { text: `UPDATE "ProbeAgent" SET "revokedAt" = now() WHERE name LIKE 'e2e-%' AND "revokedAt" IS NULL` },
        {
          text: `UPDATE "Probe" p SET enabled = s.enabled, target = s.target, "intervalSeconds" = s.interval, "timeoutMs" = s.timeout
                 FROM unnest($1::text[], $2::boolean[], $3::text[], $4::int[], $5::int[]) AS s(id, enabled, target, interval, timeout)
                 WHERE p.id = s.id`,
          values: [
            saved.map((p) => p.id),
            saved.map((p) => p.enabled),
            saved.map((p) => p.target),
            saved.map((p) => p.intervalSeconds),
            saved.map((p) => p.timeoutMs),
          ],
        },
      ]);
    },
  };
}

/** The status a reader of the front page sees for one component in one region. */
export async function publicStatus(page: Page, component: string, region: string): Promise<string | null> {
  await page.goto("/");
  return page.locator(`tr[data-component="${component}"] td[data-region="${region}"] [data-status]`).textContent();
}

/**
 * Waits until the front page gives one component in one region this status, reading its HTML each second, then
 * checks once that a reader's browser shows `shown`. A browser load of the front page each second, through the
 * probes' confirmation and detection, cost about 0.17 CPU-s a poll against 0.007 for the HTML alone.
 */
export async function untilPublicStatus(
  page: Page,
  [component, region]: readonly [string, string],
  status: { key: string; shown: string },
  timeout: number,
): Promise<void> {
  const statusKey = async () => {
    const html = await (await page.request.get("/")).text();
    const cell = html
      .split("<tr")
      .filter((row) => row.includes(`data-component="${component}"`))
      .flatMap((row) => row.split("<td"))
      .find((c) => c.includes(`data-region="${region}"`));
    return /data-status="([a-z_]+)"/.exec(cell ?? "")?.[1];
  };
  await expect.poll(statusKey, { timeout, intervals: [1_000] }).toBe(status.key);
  expect(await publicStatus(page, component, region)).toBe(status.shown);
}

/** Reloads until the console shows what probes and detection have done by now. */
export async function untilVisible(
  page: Page,
  url: string,
  locator: () => ReturnType<Page["locator"]>,
  timeout = 90_000,
): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await expect(locator()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout, intervals: [1_000] });
}
