// The mail server is down for 10 minutes while an incident's emails wait in
// the outbox. Subscribers get each email once, after it comes back; the sender
// retries on the product's own backoff schedule (lib/domain/delivery.ts), not
// in a hot loop and without giving up. The 10 minutes pass on a simulated
// clock (only Date is faked, 200× real time); timers, sockets and PostgreSQL are real.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "../../lib/domain/delivery.ts";
import { startNotificationSender } from "../../lib/notifications/sender.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { makePayload, makeSubscriber } from "../support/subscriber-factories.ts";

const OUTAGE_MS = 10 * 60_000;
const SPEED = 200;
const SUBSCRIBERS = 12;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  vi.useRealTimers();
  await t.drop();
});

/** How many attempts the backoff schedule allows within `windowMs`, at the shortest and longest jitter. */
function attemptsWithin(windowMs: number, random: number): number {
  let at = 0;
  let attempts = 1;
  while (attempts < MAX_DELIVERY_ATTEMPTS && at + retryDelayMs(attempts, random) < windowMs) {
    at += retryDelayMs(attempts, random);
    attempts += 1;
  }
  return attempts;
}

it("delivers every email exactly once after a 10-minute SMTP outage, retrying on the backoff schedule", async () => {
  const region = await makeRegion(t.db);
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id);
  const componentRegionId = (await makeComponentRegion(t.db, component.id, region.id)).id;
  const title = `Checkout down during a mail outage ${Date.now()}`;
  const event = await t.db.notificationEvent.create({
    data: {
      kind: "incident_published",
      payload: makePayload({ title }),
      dedupeKey: `smtp-outage:${title}`,
      componentRegionIds: [componentRegionId],
    },
  });
  const emails: string[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const subscriber = await makeSubscriber(t.db);
    emails.push(subscriber.email!);
    await t.db.notification.create({ data: { eventId: event.id, subscriberId: subscriber.id } });
  }

  // The mail server is down: its port refuses connections until the outage ends.
  const down = await startSmtpSink();
  const port = down.port;
  await down.close();

  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  const outageStart = Date.now();
  let sink: SmtpSink | undefined;
  let restarting = false;
  const clock = setInterval(() => {
    vi.setSystemTime(Date.now() + 20 * SPEED);
    if (!restarting && Date.now() >= outageStart + OUTAGE_MS) {
      restarting = true;
      void startSmtpSink({ port }).then((started) => {
        sink = started;
      });
    }
  }, 20);
  const lines: string[] = [];
  const sender = startNotificationSender(t.db, {
    mail: {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: "Status <status@status.example.test>",
      publicUrl: "https://status.example.test",
      secret: "x".repeat(40),
    },
    pollMs: 50,
    log: (line) => lines.push(line),
  });
  try {
    await expect
      .poll(() => t.db.notification.count({ where: { eventId: event.id, state: "sent" } }), {
        timeout: 60_000,
        interval: 200,
      })
      .toBe(SUBSCRIBERS);
  } finally {
    clearInterval(clock);
    await sender.stop();
    vi.useRealTimers();
  }

  // What subscribers see: one email each, none before the server was back.
  const received = sink!.messages;
  expect(received.map((m) => m.to[0]).sort()).toEqual([...emails].sort());
  expect(new Set(received.map((m) => m.messageId)).size).toBe(SUBSCRIBERS);
  await sink!.close();
  const rows = await t.db.notification.findMany({ where: { eventId: event.id } });
  for (const row of rows) expect(row.sentAt!.getTime()).toBeGreaterThanOrEqual(outageStart + OUTAGE_MS);

  // The schedule that ran is the product's: as many attempts as its backoff fits into the outage, plus the one that
  // went through — not one every poll (a hot loop would make hundreds), and never given up.
  const fewest = attemptsWithin(OUTAGE_MS, 0.9999);
  const most = attemptsWithin(OUTAGE_MS, 0) + 1;
  for (const row of rows) {
    expect(row.attempts).toBeGreaterThanOrEqual(fewest);
    expect(row.attempts).toBeLessThanOrEqual(most);
  }
  expect(lines.some((line) => /^email unreachable/.test(line))).toBe(true);
});
