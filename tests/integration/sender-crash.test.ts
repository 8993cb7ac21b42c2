// kill -9 of the sender in the middle of a fan-out, twice, then a third
// sender finishes: nobody is skipped, and every subscriber's email carries one
// Message-ID. A crash between the SMTP server's "250 OK" and the commit of the
// 'sent' mark makes the next sender send that message again (same Message-ID):
// the test counts those duplicates — the measured window — and checks the
// sender's bound on them.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enqueueEvent } from "../../lib/notifications/enqueue.ts";
import { crashRepeatBound, SENDER_DEFAULTS } from "../../lib/notifications/sender.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { makePayload } from "../support/subscriber-factories.ts";
import { fanOutEvent } from "../../lib/notifications/fan-out.ts";

const SUBSCRIBERS = 3_000;
const LEASE_MS = 3_000;

let t: TestDatabase;
let sink: SmtpSink;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  t = await createTestDatabase();
  // A millisecond per message keeps the fan-out long enough to be interrupted.
  sink = await startSmtpSink({ delayMs: 1, keepRaw: false });
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await sink.close();
  await t.drop();
});

async function startSender(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/sender-process.ts"], {
    env: { ...process.env, DATABASE_URL: t.url, SMTP_URL: sink.url, LEASE_MS: String(LEASE_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (process.env.SENDER_DEBUG) child.stdout!.on("data", (d: Buffer) => process.stderr.write(d));
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

it("sends every subscriber exactly one email (by Message-ID) across two kill -9s", async () => {
  const region = await makeRegion(t.db);
  const product = await makeProduct(t.db);
  const cr = await makeComponentRegion(t.db, (await makeComponent(t.db, product.id)).id, region.id);
  await t.db.$executeRawUnsafe(
    `INSERT INTO "Subscriber" ("id", "email", "scopeAll", "confirmedAt", "updatedAt")
     SELECT 'crash-' || i, 'crash-' || i || '@example.test', true, now(), now() FROM generate_series(1, ${SUBSCRIBERS}) AS i`,
  );
  const event = await t.db.$transaction((tx) =>
    enqueueEvent(tx, {
      kind: "incident_published",
      payload: makePayload(),
      dedupeKey: "crash-test",
      componentRegionIds: [cr.id],
    }),
  );
  expect(await fanOutEvent(t.db, event!.eventId)).toBe(SUBSCRIBERS);

  const first = await startSender();
  await sink.waitFor(SUBSCRIBERS * 0.2, 60_000);
  await kill(first);
  const afterFirst = sink.messages.length;
  const second = await startSender();
  await sink.waitFor(afterFirst + SUBSCRIBERS * 0.2, 60_000);
  await kill(second);
  const afterSecond = sink.messages.length;
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
  const messageIdOf = new Map(
    rows.map((r) => [`crash-${r.subscriberId.slice(6)}@example.test`, `<${r.id}@status.example.test>`]),
  );
  const byRecipient = new Map<string, Set<string>>();
  for (const m of sink.messages) {
    const to = m.to[0]!;
    byRecipient.set(to, (byRecipient.get(to) ?? new Set()).add(m.messageId ?? "none"));
  }
  // Nobody skipped; each subscriber's mail has one Message-ID, the one of their row.
  expect(byRecipient.size).toBe(SUBSCRIBERS);
  for (const [to, ids] of byRecipient) expect([...ids]).toEqual([messageIdOf.get(to)]);
  expect(rows.every((r) => r.messageId === messageIdOf.get(`crash-${r.subscriberId.slice(6)}@example.test`))).toBe(
    true,
  );

  const duplicates = sink.messages.length - SUBSCRIBERS;
  // The window in time: duplicates per kill at the rate the sink was receiving just before it.
  const at = (i: number) => sink.messages[i]!.receivedAt;
  const perMs = (afterFirst - 101) / Math.max(1, at(afterFirst - 1) - at(100));
  console.log(
    `crash test: ${SUBSCRIBERS} subscribers, killed at ${afterFirst} and ${afterSecond} delivered; ${sink.messages.length} deliveries, ` +
      `${duplicates} duplicate(s) from the 250 → commit window (≈ ${(duplicates / 2 / perMs).toFixed(1)} ms per kill at ${Math.round(perMs * 1000)} msg/s)`,
  );
  // A sender never has more than this many messages accepted and unrecorded: the most one kill can repeat.
  expect(duplicates).toBeLessThanOrEqual(2 * crashRepeatBound(SENDER_DEFAULTS.maxConnections));
}, 240_000);
