import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3107);
export const E2E_DATA_DIR = path.join(os.tmpdir(), `bellwether-e2e-${PORT}`);
/** Where the e2e server sends mail: the subscribe spec listens here with its own SMTP sink. */

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** Specs of server behaviour (API shapes, caching, security headers, sanitising, sign-in and chaos flows): desktop only. */
const PHONE_SKIPS = [
  "**/public-api.spec.ts",
  "**/snapshots.spec.ts",
  "**/security.spec.ts",
  "**/postmortem-xss.spec.ts",
  "**/console-chaos.spec.ts",
  "**/console-sign-in.spec.ts",
  "**/console-admin.spec.ts",
];

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: ".reports/playwright.json" }]],
  use: { baseURL: `http://localhost:${PORT}`, launchOptions: chromium, trace: "off" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    // The phone runs what a phone changes — layout, reading and forms — not the server's behaviour twice.
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium }, testIgnore: PHONE_SKIPS },
  ],
  webServer: {
    command: "node --import tsx tests/support/e2e-server.ts",
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      BELLWETHER_DATA_DIR: E2E_DATA_DIR,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
