// The README's "Running in production" section, followed as written from a
// fresh state: an external PostgreSQL reached only through DATABASE_URL, a mail
// server that wants a password, migrate, the first admin, `npm start`,
// /api/ready, then real traffic (sign-in, a subscription, an agent's batch,
// an API token, a /metrics scrape), a pg_dump and a restore into a new
// database. Along the way every log line the server wrote is kept, and none
// may hold a token, password, secret or address. Keep in step with the README.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { createApiToken } from "../../lib/api-tokens/create-api-token.ts";
import { createDb } from "../../lib/db.ts";
import { findFreePort } from "../../lib/database/embedded.ts";
import { type ExternalPostgres, startExternalPostgres } from "../support/external-postgres.ts";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.ts";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const secrets = {
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  METRICS_TOKEN: `metrics-${randomBytes(24).toString("hex")}`,
  SMTP_PASSWORD: `smtp-${randomBytes(12).toString("hex")}`,
};
const ADMIN = "ops-lead@example.com";
const READER = `reader-${Date.now()}@example.org`;

let external: ExternalPostgres;
let smtp: SMTPServer;
const mail: { to: string; text: string }[] = [];
let server: ChildProcess | undefined;
let base: string;
let env: NodeJS.ProcessEnv;
let logs = "";
const seen: Record<string, string> = {};
let dataDir: string;

/** An npm script, as an operator runs it; its output. */
function npm(args: string[]): string {
  const result = spawnSync("npm", ["run", "--silent", ...args], { env, encoding: "utf8", timeout: 180_000 });
  if (result.status !== 0) throw new Error(`npm run ${args.join(" ")} failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

async function mailTo(address: string) {
  await expect.poll(() => mail.some((m) => m.to === address), { timeout: 30_000 }).toBe(true);
  return mail.filter((m) => m.to === address).at(-1)!;
}

function linkIn(text: string, pattern: RegExp): string {
  const found = text.match(pattern);
  if (!found) throw new Error(`no link matching ${pattern} in: ${text}`);
  return found[0];
}

test.beforeAll(async () => {
  spawnSync("bash", ["scripts/ensure-pg-client.sh"], { stdio: "inherit" });
  external = await startExternalPostgres();
  await external.admin('CREATE DATABASE "bellwether"');
  const smtpPort = await findFreePort(0);
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "bellwether" && auth.password === secrets.SMTP_PASSWORD)
        return callback(null, { user: "bellwether" });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          for (const rcpt of session.envelope.rcptTo) mail.push({ to: rcpt.address, text: parsed.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));
  const port = await findFreePort(0);
  base = `http://127.0.0.1:${port}`;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-production-"));
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: external.url("bellwether"),
    AUTH_SECRET: secrets.AUTH_SECRET,
    PUBLIC_URL: base,
    HOST: "127.0.0.1",
    PORT: String(port),
    SMTP_URL: `smtp://bellwether:${secrets.SMTP_PASSWORD}@127.0.0.1:${smtpPort}`,
    MAIL_FROM: "Status <status@example.com>",
    METRICS_TOKEN: secrets.METRICS_TOKEN,
    LOG_LEVEL: "debug",
    BELLWETHER_DATA_DIR: dataDir,
  };
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await external?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test("migrate, add the first admin, start, and be ready", async ({ request }) => {
  npm(["db:migrate"]);
  npm(["db:seed"]);
  expect(npm(["users", "--", "add", "--email", ADMIN, "--role", "ADMIN"])).toContain(`Added ${ADMIN} as ADMIN`);
  server = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (logs += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (logs += d.toString()));
  await expect
    .poll(
      async () => {
        if (server!.exitCode !== null) throw new Error(`npm start exited (${server!.exitCode}):\n${logs.slice(-4000)}`);
        return (await request.get(`${base}/api/ready`).catch(() => null))?.status();
      },
      { timeout: 120_000, message: `/api/ready never answered 200; the server wrote:\n${logs.slice(-4000)}` },
    )
    .toBe(200);
  expect(await (await request.get(`${base}/api/ready`)).json()).toEqual({
    status: "ready",
    checks: { database: "ok", migrations: "ok", workerLease: "held" },
  });
  expect((await request.get(`${base}/api/health`)).status()).toBe(200);
});

test("the first admin signs in with the link the mail server received", async ({ page }) => {
  await page.goto(`${base}/admin/sign-in`);
  await page.getByLabel("Email address").fill(ADMIN);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  // Generous waits: CI's machine runs other browser specs in parallel beside this server.
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible({ timeout: 30_000 });
  const link = linkIn((await mailTo(ADMIN)).text, /http\S+\/admin\/sign-in\/confirm\S+/);
  seen.signInLink = new URL(link).search;
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin/, { timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  const session = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
  expect(session).toBeDefined();
  seen.sessionCookie = session!.value;
});

test("a reader subscribes and confirms", async ({ page }) => {
  await page.goto(`${base}/subscribe`);
  await page.getByLabel("Email address").fill(READER);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status")).toContainText("we have sent an email to", { timeout: 30_000 });
  const link = linkIn((await mailTo(READER)).text, /http\S+\/subscribe\/confirm\S+/);
  seen.confirmLink = new URL(link).search;
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toContainText("You are subscribed", { timeout: 30_000 });
});

test("an agent pushes a batch, and an API token reads a statement", async ({ request }) => {
  const created = npm(["agents", "--", "create", "--name", "edge-prod", "--region", "europe-west1.gcp"]);
  seen.agentToken = created.trim().split("\n").at(-1)!;
  expect(seen.agentToken).toMatch(/^bwa_/);
  const client = new pg.Client({ connectionString: external.url("bellwether") });
  await client.connect();
  const probe = (await client.query<{ id: string }>(`SELECT id FROM "Probe" ORDER BY id LIMIT 1`)).rows[0]!;
  const contract = (await client.query<{ id: string }>(`SELECT id FROM "Contract" ORDER BY id LIMIT 1`)).rows[0]!;
  const admin = (await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ADMIN])).rows[0]!;
  await client.end();
  const results = Array.from({ length: 3 }, () => ({
    id: randomUUID(),
    probeId: probe.id,
    checkedAt: new Date().toISOString(),
    outcome: "up",
    latencyMs: 40,
    statusCode: 200,
    error: null,
  }));
  const pushed = await request.post(`${base}/api/ingest/results`, {
    headers: {
      authorization: `Bearer ${seen.agentToken}`,
      "x-request-id": "production-test-ingest-0001",
      "x-bellwether-buffered": "0",
    },
    data: { results },
  });
  expect(pushed.status()).toBe(200);
  expect(pushed.headers()["x-request-id"]).toBe("production-test-ingest-0001");
  seen.wrongAgentToken = `bwa_${randomBytes(32).toString("base64url")}`;
  const refused = await request.post(`${base}/api/ingest/results`, {
    headers: { authorization: `Bearer ${seen.wrongAgentToken}` },
    data: { results },
  });
  expect(refused.status()).toBe(401);

  const db = createDb(external.url("bellwether"), { max: 1 });
  try {
    const { token } = await createApiToken(db, { id: admin.id, email: ADMIN, role: "ADMIN" }, { name: "reports" });
    seen.apiToken = token;
  } finally {
    await db.$disconnect();
  }
  const month = new Date().toISOString().slice(0, 7);
  const statement = await request.get(`${base}/api/sla/contracts/${contract.id}/statements/${month}.json`, {
    headers: { authorization: `Bearer ${seen.apiToken}` },
  });
  expect(statement.status()).toBe(200);
});

test("/metrics: refused without the token, and every figure of the operators' view with it", async ({ request }) => {
  await request.get(`${base}/`);
  await request.get(`${base}/`);
  expect((await request.get(`${base}/metrics`)).status()).toBe(401);
  const scrape = async () => {
    const response = await request.get(`${base}/metrics`, {
      headers: { authorization: `Bearer ${secrets.METRICS_TOKEN}` },
    });
    expect(response.status()).toBe(200);
    return parsePrometheusText(await response.text());
  };
  // Sign-in link and subscription confirmation: sent by the web process straight to the mail server.
  await expect
    .poll(async () => sampleValue(await scrape(), "bellwether_direct_mails_total", { outcome: "sent" }))
    .toBeGreaterThanOrEqual(2);
  const families = await scrape();
  expect(sampleValue(families, "bellwether_http_requests_total", { route: "/", status: "200" })).toBeGreaterThan(0);
  expect(sampleValue(families, "bellwether_http_requests_total", { route: "/api/ingest/results", status: "200" })).toBe(
    1,
  );
  expect(sampleValue(families, "bellwether_snapshot_requests_total", { route: "home", result: "hit" })).toBeGreaterThan(
    0,
  );
  expect(sampleValue(families, "bellwether_snapshot_render_seconds_count", { route: "home" })).toBeGreaterThan(0);
  expect(sampleValue(families, "bellwether_ingested_results_total", { result: "accepted" })).toBe(3);
  expect(sampleValue(families, "bellwether_evaluator_lag_seconds")).toBeGreaterThanOrEqual(0);
  for (const outbox of ["subscribers", "staff"]) {
    expect(sampleValue(families, "bellwether_outbox_depth", { outbox })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(families, "bellwether_outbox_oldest_age_seconds", { outbox })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(families, "bellwether_outbox_deliveries_total", { outbox, outcome: "failed" })).toBe(0);
  }
  expect(sampleValue(families, "bellwether_agent_buffered_results", { agent: "edge-prod" })).toBe(0);
  const lastPush = sampleValue(families, "bellwether_agent_last_push_timestamp_seconds", { agent: "edge-prod" });
  expect(Date.now() / 1000 - lastPush).toBeLessThan(300);
  expect(sampleValue(families, "bellwether_direct_mails_total", { outcome: "failed" })).toBe(0);
  expect(sampleValue(families, "bellwether_worker_lease_held")).toBe(1);
  expect(sampleValue(families, "bellwether_database_up")).toBe(1);
});

test("no log line holds a token, password, secret or address", async () => {
  // Let the worker and senders write what they write after the traffic.
  await expect.poll(() => logs.includes("production-test-ingest-0001"), { timeout: 15_000 }).toBe(true);
  const lines = logs.split("\n").filter((l) => l.trim() !== "");
  const json = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(json.some((l) => l.reqId === "production-test-ingest-0001" && l.route === "/api/ingest/results")).toBe(true);
  // The confirmation link's request was logged with its query, and the capability in it hidden.
  const confirmed = json.find((l) => String(l.url ?? "").startsWith("/subscribe/confirm?"));
  expect(confirmed?.url).toContain("[redacted]");
  const forbidden: Record<string, string> = {
    ...secrets,
    "database password": external.password,
    "agent token": seen.agentToken!,
    "refused agent token": seen.wrongAgentToken!,
    "API token": seen.apiToken!,
    "session cookie": seen.sessionCookie!,
    "sign-in link token": new URLSearchParams(seen.signInLink).get("token") ?? seen.signInLink!,
    "subscription confirm token": new URLSearchParams(seen.confirmLink).get("token") ?? seen.confirmLink!,
    "subscriber address": READER,
    "admin address": ADMIN,
  };
  for (const [what, value] of Object.entries(forbidden)) {
    expect(value.length, what).toBeGreaterThan(5);
    const leak = lines.find((l) => l.includes(value) || l.includes(encodeURIComponent(value)));
    expect(leak, `${what} in a log line`).toBeUndefined();
  }
});

test("pg_dump, restore into a new database, and the data is there", async () => {
  const dump = path.join(dataDir, "bellwether.dump");
  // As the README says: pg_dump --format=custom, then pg_restore into an empty database.
  const dumped = spawnSync("pg_dump", ["--format=custom", `--file=${dump}`, external.url("bellwether")], {
    encoding: "utf8",
  });
  expect(dumped.stderr).toBe("");
  expect(dumped.status).toBe(0);
  await external.admin('CREATE DATABASE "bellwether_restored"');
  const restored = spawnSync(
    "pg_restore",
    ["--no-owner", "--exit-on-error", `--dbname=${external.url("bellwether_restored")}`, dump],
    { encoding: "utf8" },
  );
  expect(restored.stderr).toBe("");
  expect(restored.status).toBe(0);

  const count = async (database: string, sql: string) => {
    const client = new pg.Client({ connectionString: external.url(database) });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  for (const table of [
    "User",
    "Subscriber",
    "CheckResult",
    "ProbeAgent",
    "ApiToken",
    "AuditEntry",
    "_prisma_migrations",
  ]) {
    const sql = `SELECT count(*)::int AS n FROM "${table}"`;
    const [original] = await count("bellwether", sql);
    expect(await count("bellwether_restored", sql), table).toEqual([original]);
  }
  expect(await count("bellwether_restored", `SELECT email FROM "Subscriber" WHERE email = '${READER}'`)).toHaveLength(
    1,
  );
  // The restored database is a complete deployment's: nothing left to migrate.
  env.DATABASE_URL = external.url("bellwether_restored");
  expect(npm(["db:migrate"])).toContain("The database is up to date.");
  env.DATABASE_URL = external.url("bellwether");
});
