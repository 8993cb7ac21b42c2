// kill -9 of the sender in the middle of a webhook fan-out, twice, then a third
// sender finishes: every subscriber's receiver gets the event, under one
// delivery id (Bellwether-Delivery, the outbox row's id), with a signature
// that verifies. A crash between the receiver's 2xx and the commit of the
// 'sent' mark makes the next sender deliver that one again with the same id,
// which receivers drop: the test counts those repeats and checks the bound.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enqueueEvent } from "../../lib/notifications/enqueue.ts";
import { fanOutEvent } from "../../lib/notifications/fan-out.ts";
import { WEBHOOK_CONCURRENCY } from "../../lib/notifications/webhook-channel.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { makePayload } from "../support/subscriber-factories.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

const SUBSCRIBERS = 1_000;
const LEASE_MS = 3_000;

let t: TestDatabase;
let receiver: WebhookReceiver;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  t = await createTestDatabase();
  receiver = await startWebhookReceiver();
  // A few milliseconds per answer keep the fan-out long enough to be interrupted.
  receiver.delayMs = 3;
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await receiver.close();
  await t.drop();
});

async function startSender(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/webhook-sender-process.ts"], {
    env: { ...process.env, DATABASE_URL: t.url, LEASE_MS: String(LEASE_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the sender exited with ${code} before it was ready`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

it("delivers every webhook subscriber exactly one event (by delivery id) across two kill -9s", async () => {
  const region = await makeRegion(t.db);
  const product = await makeProduct(t.db);
  const cr = await makeComponentRegion(t.db, (await makeComponent(t.db, product.id)).id, region.id);
  const secret = "whsec_crash-test-secret";
  await t.db.$executeRawUnsafe(
    `INSERT INTO "Subscriber" ("id", "channel", "webhookUrl", "webhookSecret", "webhookFormat", "scopeAll", "confirmedAt", "updatedAt")
     SELECT 'hook-' || i, 'webhook', '${receiver.url}/hook/' || i, '${secret}', 'json', true, now(), now()
       FROM generate_series(1, ${SUBSCRIBERS}) AS i`,
  );
  for (let i = 1; i <= SUBSCRIBERS; i++) receiver.secret(`/hook/${i}`, secret);
  const event = await t.db.$transaction((tx) =>
    enqueueEvent(tx, {
      kind: "incident_published",
      payload: makePayload(),
      dedupeKey: "webhook-crash-test",
      componentRegionIds: [cr.id],
    }),
  );
  expect(await fanOutEvent(t.db, event!.eventId)).toBe(SUBSCRIBERS);

  const first = await startSender();
  await receiver.waitFor(SUBSCRIBERS * 0.2, 60_000);
  await kill(first);
  const afterFirst = receiver.received.length;
  const second = await startSender();
  await receiver.waitFor(afterFirst + SUBSCRIBERS * 0.2, 60_000);
  await kill(second);
  const afterSecond = receiver.received.length;
  expect(afterSecond).toBeLessThan(SUBSCRIBERS);

  // Whatever the killed senders had leased comes back once their leases run out.
  const third = await startSender();
  const deadline = Date.now() + 90_000;
  while ((await t.db.notification.count({ where: { state: { not: "sent" } } })) > 0) {
    if (Date.now() > deadline) throw new Error("the third sender did not finish");
    await new Promise((r) => setTimeout(r, 200));
  }
  await kill(third);

  const rows = await t.db.notification.findMany({ select: { id: true, subscriberId: true, messageId: true } });
  const deliveryIdOf = new Map(rows.map((r) => [`/hook/${r.subscriberId.slice(5)}`, r.id]));
  const byPath = new Map<string, Set<string>>();
  for (const r of receiver.received) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.deliveryId ?? "none"));
  // Nobody skipped; each subscriber's requests carry one delivery id, its row's, and every signature verifies.
  expect(byPath.size).toBe(SUBSCRIBERS);
  for (const [path, ids] of byPath) expect([...ids]).toEqual([deliveryIdOf.get(path)]);
  expect(rows.every((r) => r.messageId === r.id)).toBe(true);
  expect(receiver.received.every((r) => r.verified === true)).toBe(true);

  const repeats = receiver.received.length - SUBSCRIBERS;
  console.log(
    `webhook crash test: ${SUBSCRIBERS} subscribers, killed at ${afterFirst} and ${afterSecond} delivered; ` +
      `${receiver.received.length} requests, ${repeats} repeat(s) from the 2xx → commit window`,
  );
  // Per kill, at most what was accepted and unrecorded plus what was in flight (each capped at the concurrency).
  expect(repeats).toBeLessThanOrEqual(2 * 2 * WEBHOOK_CONCURRENCY);
}, 240_000);
