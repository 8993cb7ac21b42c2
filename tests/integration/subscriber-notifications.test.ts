// The whole path a subscriber relies on, with a real SMTP server: people
// subscribe and confirm through the emailed links; a fault injected into the
// probe results is confirmed and proposed by the monitoring cycle; an engineer
// approves it; the sender delivers — exactly the subscribers whose scope covers
// the incident get exactly one email each, with the right headers; and a
// one-click POST to the List-Unsubscribe URL ends a subscription at once.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import type { Actor } from "../../lib/domain/roles.ts";
import { approveProposal } from "../../lib/incidents/approve-proposal.ts";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update.ts";
import type { MailSettings } from "../../lib/mail/settings.ts";
import { subscriberLinks } from "../../lib/subscribers/links.ts";
import { startNotificationSender } from "../../lib/notifications/sender.ts";
import { runMonitoringCycle } from "../../lib/monitoring/worker.ts";
import { confirmSubscription } from "../../lib/subscribers/confirm-subscription.ts";
import { smtpSubscriptionMailer } from "../../lib/mail/immediate.ts";
import { createSubscribeLimits } from "../../lib/subscribers/rate-limits.ts";
import { requestSubscription } from "../../lib/subscribers/request-subscription.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeActor, makePlatform, type TestPlatform } from "../support/incident-factories.ts";
import { makeProbeRounds, type Outcome } from "../support/probe-rounds.ts";
import { headerValue, type ReceivedMessage, type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { fanOutPendingEvents } from "../../lib/notifications/fan-out.ts";

const SECRET = "a-test-secret-that-is-long-enough-1234567890";
let t: TestDatabase;
let sink: SmtpSink;
let routes: ChildProcess;
let routesPort: number;
let p: TestPlatform;
let engineer: Actor;
let mail: MailSettings;

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  mail = {
    smtpUrl: sink.url,
    from: "Status <status@status.example.test>",
    publicUrl: "https://status.example.test",
    secret: SECRET,
  };
  p = await makePlatform(t.db, [
    { key: "checkout", tier: "TIER_1" },
    { key: "search", tier: "TIER_1" },
    { key: "merchant-center", tier: "TIER_2" },
  ]);
  engineer = await makeActor(t.db);
  routesPort = await findFreePort();
  routes = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/subscriber-routes-server.ts", String(routesPort)],
    {
      env: { ...process.env, DATABASE_URL: t.url, AUTH_SECRET: SECRET, PUBLIC_URL: mail.publicUrl },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    routes.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    routes.once("exit", (code) => reject(new Error(`the routes server exited with ${code}`)));
  });
}, 60_000);

afterAll(async () => {
  routes?.kill("SIGKILL");
  await sink.close();
  await t.drop();
});

const mailer = () => smtpSubscriptionMailer(mail);
const limits = createSubscribeLimits();
const mailTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));
const textOf = async (m: ReceivedMessage) => (await sink.parse(m)).text ?? "";

async function subscribe(
  email: string,
  scope: { all?: boolean; tier1Only?: boolean; regionIds?: string[]; componentIds?: string[] },
) {
  return requestSubscription(
    t.db,
    {
      email,
      scope: {
        all: scope.all ?? false,
        tier1Only: scope.tier1Only ?? false,
        regionIds: scope.regionIds ?? [],
        componentIds: scope.componentIds ?? [],
      },
    },
    { now: new Date(), mail, mailer: mailer(), limits },
  );
}

/** Follows the link in the latest confirmation email, as the reader would. */
async function confirmFromInbox(email: string) {
  const text = await textOf(mailTo(email).at(-1)!);
  const link = /Confirm subscription: (https:\S+)/.exec(text)?.[1];
  expect(link, `a confirmation link for ${email}`).toBeDefined();
  const url = new URL(link!);
  expect(url.pathname).toBe("/subscribe/confirm");
  return confirmSubscription(t.db, { token: url.searchParams.get("token")! }, new Date());
}

/** POSTs to the message's List-Unsubscribe URL as RFC 8058 says a mailbox provider does. */
async function oneClick(message: ReceivedMessage): Promise<Response> {
  const header = headerValue(message.raw, "List-Unsubscribe")!;
  const url = new URL(/^<([^>]+)>$/.exec(header)![1]!);
  expect(url.origin).toBe("https://status.example.test");
  return fetch(`http://127.0.0.1:${routesPort}${url.pathname}${url.search}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
}

async function drainOutbox(): Promise<void> {
  await fanOutPendingEvents(t.db);
  const sender = startNotificationSender(t.db, { mail, pollMs: 100 });
  const deadline = Date.now() + 30_000;
  while ((await t.db.notification.count({ where: { state: { in: ["pending", "sending"] } } })) > 0) {
    if (Date.now() > deadline) throw new Error("the outbox did not drain");
    await new Promise((r) => setTimeout(r, 100));
  }
  await sender.stop();
}

it("delivers an approved incident to exactly the subscribers whose scope covers it, once each, and a one-click POST unsubscribes", async () => {
  const [r0, r1, r2] = p.regions.map((r) => r.id) as [string, string, string];
  const c = p.components;
  const covered = {
    "everything@example.test": { all: true },
    "checkout@example.test": { componentIds: [c.checkout!.id] },
    "region1@example.test": { regionIds: [r1] },
    "tier1@example.test": { all: true, tier1Only: true },
  };
  const notCovered = {
    "search-in-r0@example.test": { regionIds: [r0], componentIds: [c.search!.id] },
    "checkout-in-r2@example.test": { regionIds: [r2], componentIds: [c.checkout!.id] },
    "merchant@example.test": { componentIds: [c["merchant-center"]!.id] },
    "leaver@example.test": { all: true },
  };
  for (const [email, scope] of Object.entries({ ...covered, ...notCovered })) {
    expect(await subscribe(email, scope)).toBe("confirmation_sent");
    await confirmFromInbox(email);
  }
  // Never confirmed: hears nothing.
  expect(await subscribe("unconfirmed@example.test", { all: true })).toBe("confirmation_sent");
  // Subscribing an active address again changes nothing and sends its manage link.
  expect(await subscribe("everything@example.test", { regionIds: [r0] })).toBe("manage_link_sent");
  expect(await textOf(mailTo("everything@example.test").at(-1)!)).toContain("Nothing has changed");

  // The leaver posts to their one-click URL (the one every email to them carries) before anything happens.
  const leaver = await t.db.subscriber.findUniqueOrThrow({ where: { email: "leaver@example.test" } });
  const leaverUrl = new URL(subscriberLinks(mail, { id: leaver.id, confirmedAt: leaver.confirmedAt! }).oneClickUrl);
  const left = await fetch(`http://127.0.0.1:${routesPort}${leaverUrl.pathname}${leaverUrl.search}`, {
    method: "POST",
    body: "List-Unsubscribe=One-Click",
  });
  expect(left.status).toBe(200);
  sink.clear();

  // Inject the fault: checkout in region 1 fails from every vantage for three rounds.
  const checkout = [0, 1, 2].map((i) => p.cr("checkout", i));
  // Rounds sit on the probes' interval grid: start on a whole minute an hour ago.
  const rounds = await makeProbeRounds(t.db, new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000), checkout, [
    r0,
    r1,
    r2,
  ]);
  const UP: Outcome[] = ["up", "up", "up"];
  const DOWN: Outcome[] = ["down", "down", "down"];
  await rounds.round(0, { [checkout[0]!]: UP, [checkout[1]!]: UP, [checkout[2]!]: UP });
  for (const i of [1, 2, 3]) await rounds.round(i, { [checkout[0]!]: UP, [checkout[1]!]: DOWN, [checkout[2]!]: UP });
  await runMonitoringCycle(t.db, rounds.closedAfter(3), { detectTier2: false });
  const proposal = await t.db.incident.findFirstOrThrow({
    where: { source: "detected", review: "proposed" },
    include: { componentRegions: true },
  });
  expect(proposal.componentRegions.map((cr) => cr.componentRegionId)).toEqual([checkout[1]]);
  // A proposal is not public: nothing is queued until an engineer approves it.
  expect(await t.db.notification.count()).toBe(0);

  const incident = await approveProposal(t.db, engineer, {
    incidentId: proposal.id,
    expectedVersion: proposal.version,
    title: "Checkout failing in one region",
  });
  await drainOutbox();

  const recipients = sink.messages.flatMap((m) => m.to).sort();
  expect(recipients).toEqual(Object.keys(covered).sort());
  const rows = await t.db.notification.findMany({ include: { subscriber: true } });
  expect(rows).toHaveLength(Object.keys(covered).length);
  for (const message of sink.messages) {
    const row = rows.find((r) => r.subscriber.email === message.to[0])!;
    expect(row.state).toBe("sent");
    expect(message.messageId).toBe(`<${row.id}@status.example.test>`);
    const parsed = await sink.parse(message);
    expect(parsed.subject).toBe("Incident: Checkout failing in one region — Investigating");
    expect(parsed.text).toContain(`https://status.example.test/incidents/${incident.id}`);
    expect(headerValue(message.raw, "List-Unsubscribe")).toMatch(
      /^<https:\/\/status\.example\.test\/api\/subscribers\/unsubscribe\?token=[^>]+>$/,
    );
    expect(headerValue(message.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(headerValue(message.raw, "List-Id")).toBe('"Commerce platform status" <status-updates.status.example.test>');
  }

  // One click from checkout@'s email: unsubscribed at once; the next update does not reach them.
  const response = await oneClick(mailTo("checkout@example.test")[0]!);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ unsubscribed: "checkout@example.test" });
  expect(
    (await t.db.subscriber.findUniqueOrThrow({ where: { email: "checkout@example.test" } })).unsubscribedAt,
  ).toBeInstanceOf(Date);
  // A GET (a link scanner) never unsubscribes: it is sent to the page with the button.
  const header = headerValue(mailTo("region1@example.test")[0]!.raw, "List-Unsubscribe")!;
  const scanned = await fetch(
    `http://127.0.0.1:${routesPort}${new URL(header.slice(1, -1)).pathname}${new URL(header.slice(1, -1)).search}`,
    { redirect: "manual" },
  );
  expect(scanned.status).toBe(303);
  expect(scanned.headers.get("location")).toMatch(/^https:\/\/status\.example\.test\/subscribe\/unsubscribe\?token=/);
  expect(
    (await t.db.subscriber.findUniqueOrThrow({ where: { email: "region1@example.test" } })).unsubscribedAt,
  ).toBeNull();
  // A forged token is refused.
  const forged = await fetch(
    `http://127.0.0.1:${routesPort}/api/subscribers/unsubscribe?token=${leaver.id}.${"A".repeat(43)}`,
    { method: "POST" },
  );
  expect(forged.status).toBe(404);

  sink.clear();
  await postIncidentUpdate(t.db, engineer, {
    incidentId: incident.id,
    expectedVersion: incident.version,
    status: "identified",
    message: "A bad deploy; rolling back.",
  });
  await drainOutbox();
  expect(sink.messages.flatMap((m) => m.to).sort()).toEqual([
    "everything@example.test",
    "region1@example.test",
    "tier1@example.test",
  ]);
}, 120_000);
