import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { SERVER_BEHAVIOUR_TAG } from "./tests/e2e/projects.ts";
import { CHROMIUM_LAUNCH } from "./tests/support/chromium.ts";

// Each Playwright worker drives its own e2e server with its own database, so spec files run in parallel
// without seeing each other's rows: worker i (TEST_PARALLEL_INDEX, set in the worker before it loads this file)
// talks to the server on BASE_PORT + i. The tests inside one file still run in order.
const BASE_PORT = Number(process.env.E2E_PORT ?? 3107);
const WORKERS = Number(process.env.E2E_WORKERS ?? 3);
const READY_PORT = BASE_PORT - 1;
const DATA_DIR_PREFIX = path.join(os.tmpdir(), "bellwether-e2e-");
const serverDataDir = (port: number) => `${DATA_DIR_PREFIX}${port}`;
const PORT = BASE_PORT + Number(process.env.TEST_PARALLEL_INDEX ?? 0);
/** This worker's server's data: its database URL, caught mail and control URL (tests/support/e2e-server.ts). */
export const E2E_DATA_DIR = serverDataDir(PORT);

/** Specs that wait out real minutes; desktop only. */
const LONG_SPECS = ["**/slo-creep.spec.ts"];

/** Specs of server behaviour (API shapes, caching, security headers, sanitising, sign-in and chaos flows): desktop only. */
const PHONE_SKIPS = [
  "**/public-api.spec.ts",
  "**/snapshots.spec.ts",
  "**/security.spec.ts",
  "**/postmortem-xss.spec.ts",
  "**/console-chaos.spec.ts",
  "**/console-sign-in.spec.ts",
  "**/console-admin.spec.ts",
  "**/production.spec.ts",
  ...LONG_SPECS,
];

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: WORKERS,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? ".reports/playwright.json" }]],
  use: { baseURL: `http://localhost:${PORT}`, launchOptions: CHROMIUM_LAUNCH, trace: "off" },
  projects: [
    // The one long spec (slo-creep waits out real minutes of latency creep) goes first, so its worker starts it at
    // once and the other specs fill the remaining workers around it, instead of it starting late and ending the run
    // minutes after everything else.
    {
      name: "desktop-long",
      use: { ...devices["Desktop Chrome"], launchOptions: CHROMIUM_LAUNCH },
      testMatch: LONG_SPECS,
    },
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: CHROMIUM_LAUNCH }, testIgnore: LONG_SPECS },
    // The phone runs what a phone changes — layout, reading and forms — not the server's behaviour twice.
    // Within the specs it runs, tests tagged as server behaviour (tests/e2e/projects.ts) are left out too.
    {
      name: "phone",
      use: { ...devices["Pixel 7"], launchOptions: CHROMIUM_LAUNCH },
      testIgnore: PHONE_SKIPS,
      grepInvert: new RegExp(SERVER_BEHAVIOUR_TAG),
    },
  ],
  // One process starts every worker's server at once (tests/support/e2e-servers.ts) and answers on READY_PORT
  // once all of them answer /api/health.
  webServer: {
    command: "node --import tsx tests/support/e2e-servers.ts",
    url: `http://127.0.0.1:${READY_PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      E2E_PORT: String(BASE_PORT),
      E2E_WORKERS: String(WORKERS),
      E2E_READY_PORT: String(READY_PORT),
      E2E_DATA_DIR_PREFIX: DATA_DIR_PREFIX,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
