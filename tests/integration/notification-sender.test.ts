// The outbox sender against a real SMTP server: the headers and DKIM
// signature of what arrives, retries with backoff, hard bounces that suppress
// the address, unsubscribes that win over queued mail, and several senders
// draining one outbox without sending anything twice.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../lib/db.ts";
import { RETRY_BASE_MS } from "../../lib/domain/delivery.ts";
import { enqueueEvent } from "../../lib/notifications/enqueue.ts";
import type { MailSettings } from "../../lib/mail/settings.ts";
import { startNotificationSender } from "../../lib/notifications/sender.ts";
import { verifySubscriberLink } from "../../lib/subscribers/tokens.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { signedHeaderNames, verifyDkim } from "../support/dkim.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { headerValue, type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { makePayload, makeSubscriber } from "../support/subscriber-factories.ts";
import { fanOutEvent } from "../../lib/notifications/fan-out.ts";

let t: TestDatabase;
let sink: SmtpSink;
let componentRegionId: string;
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
let mail: MailSettings;
let events = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  const region = await makeRegion(t.db);
  const product = await makeProduct(t.db);
  const component = await makeComponent(t.db, product.id);
  componentRegionId = (await makeComponentRegion(t.db, component.id, region.id)).id;
  mail = {
    smtpUrl: sink.url,
    from: "Status <status@status.example.test>",
    publicUrl: "https://status.example.test",
    secret: "x".repeat(40),
    dkim: {
      domainName: "status.example.test",
      keySelector: "bw1",
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    },
  };
});
afterAll(async () => {
  await sink.close();
  await t.drop();
});
beforeEach(() => sink.clear());
afterEach(async () => {
  await t.db.notificationEvent.deleteMany({});
  await t.db.subscriber.deleteMany({});
});

async function enqueue(title = `Event ${++events}`) {
  const { eventId } = (await t.db.$transaction((tx) =>
    enqueueEvent(tx, {
      kind: "incident_published",
      payload: makePayload({ title, path: "/incidents/inc-1" }),
      dedupeKey: `test:${title}`,
      componentRegionIds: [componentRegionId],
    }),
  ))!;
  return { eventId, notifications: await fanOutEvent(t.db, eventId) };
}

async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const settled = (eventId: string) => async () =>
  (await t.db.notification.count({ where: { eventId, state: { in: ["pending", "sending"] } } })) === 0;

describe("the notification sender", () => {
  it("sends one email with one-click unsubscribe, List-Id, a Message-ID from the row, and a DKIM signature that verifies", async () => {
    const subscriber = await makeSubscriber(t.db, { email: "reader@example.test" });
    const { eventId } = await enqueue("Checkout <down> & out");
    const sender = startNotificationSender(t.db, { mail, pollMs: 100 });
    await waitUntil("the row is sent", settled(eventId));
    await sender.stop();

    expect(sink.messages).toHaveLength(1);
    const received = sink.messages[0]!;
    const row = await t.db.notification.findFirstOrThrow({ where: { eventId } });
    expect(row).toMatchObject({
      state: "sent",
      attempts: 1,
      messageId: `<${row.id}@status.example.test>`,
      leasedUntil: null,
    });
    expect(received.messageId).toBe(`<${row.id}@status.example.test>`);
    expect(received.to).toEqual(["reader@example.test"]);

    const parsed = await sink.parse(received);
    expect(parsed.subject).toBe("Incident: Checkout <down> & out — Investigating");
    expect(parsed.html).toContain("Checkout &lt;down&gt; &amp; out");
    expect(parsed.html).toContain("https://status.example.test/incidents/inc-1");
    const unsubscribe = headerValue(received.raw, "List-Unsubscribe") ?? "";
    const token = /^<https:\/\/status\.example\.test\/api\/subscribers\/unsubscribe\?token=([^>]+)>$/.exec(
      unsubscribe,
    )?.[1];
    expect(token).toBeDefined();
    expect(verifySubscriberLink(mail.secret, "unsubscribe", decodeURIComponent(token!), subscriber)).toBe(true);
    expect(headerValue(received.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(headerValue(received.raw, "List-Id")).toBe(
      '"Commerce platform status" <status-updates.status.example.test>',
    );
    expect(parsed.text).toContain("Manage your subscription: https://status.example.test/subscribe/manage?token=");

    const signed = signedHeaderNames(received.raw);
    expect(signed).toEqual(
      expect.arrayContaining(["from", "subject", "message-id", "list-id", "list-unsubscribe", "list-unsubscribe-post"]),
    );
    expect(verifyDkim(received.raw, publicKey)).toEqual({ bodyHashOk: true, signatureOk: true });
    // The verifier is not a rubber stamp: a changed unsubscribe header breaks the signature.
    const tampered = Buffer.from(
      received.raw
        .toString("latin1")
        .replace(
          "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
          "List-Unsubscribe-Post: List-Unsubscribe=Two-Click",
        ),
      "latin1",
    );
    expect(verifyDkim(tampered, publicKey).signatureOk).toBe(false);
  });

  it("retries a 4xx with backoff, and sends once the time has come", async () => {
    await makeSubscriber(t.db, { email: "busy@example.test" });
    sink.deferOnce("busy@example.test");
    const { eventId } = await enqueue();
    const sender = startNotificationSender(t.db, { mail, pollMs: 100 });
    await waitUntil(
      "the first attempt failed",
      async () => (await t.db.notification.findFirst({ where: { eventId, state: "pending", attempts: 1 } })) !== null,
    );
    const row = await t.db.notification.findFirstOrThrow({ where: { eventId } });
    expect(row.lastError).toMatch(/^451/);
    const wait = row.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(RETRY_BASE_MS * 0.8 - 2_000);
    expect(wait).toBeLessThanOrEqual(RETRY_BASE_MS * 1.2);
    expect(sink.messages).toHaveLength(0);

    await t.db.notification.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await waitUntil("the retry is sent", settled(eventId));
    await sender.stop();
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      state: "sent",
      attempts: 2,
    });
    expect(sink.messages).toHaveLength(1);
  });

  it("suppresses an address that hard-bounces, and writes nothing more for it", async () => {
    const gone = await makeSubscriber(t.db, { email: "gone@example.test" });
    const kept = await makeSubscriber(t.db, { email: "kept@example.test" });
    sink.bounce("gone@example.test");
    const { eventId } = await enqueue();
    const sender = startNotificationSender(t.db, { mail, pollMs: 100 });
    await waitUntil("both rows settled", settled(eventId));
    await sender.stop();

    expect(await t.db.notification.findFirstOrThrow({ where: { eventId, subscriberId: gone.id } })).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: expect.stringMatching(/^550 5\.1\.1/),
    });
    expect(await t.db.subscriber.findUniqueOrThrow({ where: { id: gone.id } })).toMatchObject({
      suppressedAt: expect.any(Date),
      suppressReason: expect.stringContaining("5.1.1"),
    });
    expect(sink.messages.map((m) => m.to)).toEqual([["kept@example.test"]]);
    const next = await enqueue();
    expect(
      await t.db.notification.findMany({ where: { eventId: next.eventId }, select: { subscriberId: true } }),
    ).toEqual([{ subscriberId: kept.id }]);
  });

  it("sends nothing to someone who unsubscribed after the event was written", async () => {
    const leaving = await makeSubscriber(t.db, { email: "leaving@example.test" });
    const { eventId } = await enqueue();
    await t.db.subscriber.update({ where: { id: leaving.id }, data: { unsubscribedAt: new Date() } });
    const sender = startNotificationSender(t.db, { mail, pollMs: 100 });
    await waitUntil("the row settled", settled(eventId));
    await sender.stop();
    expect(await t.db.notification.findFirstOrThrow({ where: { eventId } })).toMatchObject({ state: "suppressed" });
    expect(sink.messages).toHaveLength(0);
  });

  it("lets three senders drain one outbox at once without sending anything twice", async () => {
    const subscribers = 600;
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Subscriber" ("id", "email", "scopeAll", "confirmedAt", "updatedAt")
       SELECT 'many-' || i, 'many-' || i || '@example.test', true, now(), now() FROM generate_series(1, ${subscribers}) AS i`,
    );
    const { eventId, notifications } = await enqueue();
    expect(notifications).toBe(subscribers);
    const clients = [0, 1, 2].map(() => createDb(t.url, { max: 3 }));
    const senders = clients.map((db) =>
      startNotificationSender(db, { mail: { ...mail, dkim: undefined }, batchSize: 20, maxConnections: 2, pollMs: 50 }),
    );
    await waitUntil("every row is sent", settled(eventId), 60_000);
    await Promise.all(senders.map((s) => s.stop()));
    await Promise.all(clients.map((db) => db.$disconnect()));

    expect(senders.every((s) => s.stats.sent > 0)).toBe(true);
    expect(senders.reduce((n, s) => n + s.stats.sent, 0)).toBe(subscribers);
    expect(sink.messages).toHaveLength(subscribers);
    expect(new Set(sink.messages.map((m) => m.to[0])).size).toBe(subscribers);
    expect(await t.db.notification.count({ where: { eventId, state: "sent" } })).toBe(subscribers);
  });

  it("hands back what it leased but did not try when it stops", async () => {
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Subscriber" ("id", "email", "scopeAll", "confirmedAt", "updatedAt")
       SELECT 'stop-' || i, 'stop-' || i || '@example.test', true, now(), now() FROM generate_series(1, 300) AS i`,
    );
    const slow = await startSmtpSink({ delayMs: 20 });
    const { eventId } = await enqueue();
    const sender = startNotificationSender(t.db, {
      mail: { ...mail, smtpUrl: slow.url, dkim: undefined },
      batchSize: 100,
      maxConnections: 1,
      pollMs: 50,
    });
    await slow.waitFor(5);
    await sender.stop();
    const byState = await t.db.notification.groupBy({ by: ["state"], where: { eventId }, _count: true });
    const count = (state: string) => byState.find((s) => s.state === state)?._count ?? 0;
    expect(count("sending")).toBe(0);
    expect(count("sent")).toBe(slow.messages.length);
    expect(count("pending")).toBe(300 - slow.messages.length);
    expect(await t.db.notification.count({ where: { eventId, state: "pending", attempts: { not: 0 } } })).toBe(0);
    await slow.close();
  });
});
