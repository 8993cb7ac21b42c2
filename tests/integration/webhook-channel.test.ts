// The webhook channel end to end: the outbox sender posts to a real HTTP
// receiver that checks each signature; every subscriber gets exactly the
// events its scope covers, once each; 5xx and timeouts are retried with
// backoff, 4xx fail and three in a row switch the subscriber off; and the
// SSRF rule refuses loopback, private and link-local targets — as literals,
// as IPv4-mapped IPv6, and behind a host name that resolves to one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RETRY_BASE_MS } from "../../lib/domain/delivery.ts";
import { enqueueEvent } from "../../lib/notifications/enqueue.ts";
import { fanOutEvent } from "../../lib/notifications/fan-out.ts";
import { startNotificationSender } from "../../lib/notifications/sender.ts";
import { verifySubscriberLink } from "../../lib/subscribers/tokens.ts";
import {
  postWebhook,
  type Resolver,
  WEBHOOK_MAX_RESPONSE_BYTES,
  WebhookRequestError,
} from "../../lib/webhooks/request.ts";
import { newWebhookSecret } from "../../lib/webhooks/signature.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { makePayload } from "../support/subscriber-factories.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

const links = { publicUrl: "https://status.example.test", secret: "x".repeat(40) };

let t: TestDatabase;
let receiver: WebhookReceiver;
let events = 0;
const catalog = { regionA: "", regionB: "", componentX: "", componentY: "", crXA: "", crYB: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  receiver = await startWebhookReceiver();
  const product = await makeProduct(t.db);
  const a = await makeRegion(t.db);
  const b = await makeRegion(t.db);
  const x = await makeComponent(t.db, product.id);
  const y = await makeComponent(t.db, product.id);
  Object.assign(catalog, {
    regionA: a.id,
    regionB: b.id,
    componentX: x.id,
    componentY: y.id,
    crXA: (await makeComponentRegion(t.db, x.id, a.id)).id,
    crYB: (await makeComponentRegion(t.db, y.id, b.id)).id,
  });
});
afterAll(async () => {
  await receiver.close();
  await t.drop();
});
afterEach(async () => {
  receiver.clear();
  await t.db.notificationEvent.deleteMany({});
  await t.db.subscriber.deleteMany({});
});

async function webhookSubscriber(
  path: string,
  options: { format?: "json" | "slack"; regionIds?: string[]; componentIds?: string[] } = {},
) {
  const secret = newWebhookSecret();
  const chosen = (options.regionIds?.length ?? 0) + (options.componentIds?.length ?? 0) > 0;
  const row = await t.db.subscriber.create({
    data: {
      channel: "webhook",
      webhookUrl: `${receiver.url}${path}`,
      webhookSecret: secret,
      webhookFormat: options.format ?? "json",
      scopeAll: !chosen,
      confirmedAt: new Date(),
      regions: { create: (options.regionIds ?? []).map((regionId) => ({ regionId })) },
      components: { create: (options.componentIds ?? []).map((componentId) => ({ componentId })) },
    },
  });
  receiver.secret(path, secret);
  return row;
}

async function publish(componentRegionIds: string[], title = `Event ${++events}`) {
  const event = await t.db.$transaction((tx) =>
    enqueueEvent(tx, {
      kind: "incident_published",
      payload: makePayload({ title, path: "/incidents/inc-1" }),
      dedupeKey: `webhook-test:${title}`,
      componentRegionIds,
    }),
  );
  await fanOutEvent(t.db, event!.eventId);
  return event!.eventId;
}

async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const unsettled = () => t.db.notification.count({ where: { state: { in: ["pending", "sending"] } } });
const startSender = (allowPrivate = true, resolve?: Resolver) =>
  startNotificationSender(t.db, { mail: null, links, webhook: { allowPrivate, resolve }, pollMs: 50 });

describe("the webhook channel", () => {
  it("delivers each event once to exactly the subscribers whose scope covers it, signed, in JSON or Slack's format", async () => {
    const all = await webhookSubscriber("/all");
    const regionA = await webhookSubscriber("/region-a", { regionIds: [catalog.regionA] });
    const slackX = await webhookSubscriber("/slack-x", { format: "slack", componentIds: [catalog.componentX] });
    const first = await publish([catalog.crXA], "Checkout <down> & out");
    const second = await publish([catalog.crYB], "Search slow");
    const sender = startSender();
    try {
      await waitUntil("every delivery is recorded", async () => (await unsettled()) === 0);
    } finally {
      await sender.stop();
    }
    // Scope: the first event reaches all three, the second only the one that takes everything.
    expect(receiver.on("/all")).toHaveLength(2);
    expect(receiver.on("/region-a")).toHaveLength(1);
    expect(receiver.on("/slack-x")).toHaveLength(1);
    expect(receiver.received).toHaveLength(4);
    expect(receiver.received.every((r) => r.verified === true)).toBe(true);

    const rows = await t.db.notification.findMany();
    expect(rows.every((r) => r.state === "sent")).toBe(true);
    // The delivery id is the outbox row's: one per event and subscriber, and what a repeat would carry.
    expect(new Set(receiver.received.map((r) => r.deliveryId))).toEqual(new Set(rows.map((r) => r.id)));
    expect(rows.every((r) => r.messageId === r.id)).toBe(true);
    const pairs = rows.map((r) => `${r.eventId}/${r.subscriberId}`).sort();
    expect(pairs).toEqual(
      [`${first}/${all.id}`, `${first}/${regionA.id}`, `${first}/${slackX.id}`, `${second}/${all.id}`].sort(),
    );

    const doc = JSON.parse(receiver.on("/region-a")[0]!.body);
    expect(doc).toMatchObject({
      version: 1,
      type: "incident_published",
      site: { name: "Commerce platform status", url: "https://status.example.test/" },
      data: {
        title: "Checkout <down> & out",
        status: "investigating",
        impact: "major",
        url: "https://status.example.test/incidents/inc-1",
        affected: [{ component: "Checkout", region: "us-central1.gcp", status: "major_outage" }],
      },
    });
    const unsubscribe = new URL(doc.subscription.unsubscribeUrl).searchParams.get("token")!;
    expect(verifySubscriberLink(links.secret, "unsubscribe", unsubscribe, regionA)).toBe(true);
    expect(receiver.on("/region-a")[0]!.event).toBe("incident_published");

    const slack = JSON.parse(receiver.on("/slack-x")[0]!.body);
    expect(slack.text).toContain("Incident: Checkout &lt;down&gt; &amp; out — Investigating");
    expect(slack.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Incident: Checkout <down> & out — Investigating", emoji: false },
    });
    expect(JSON.stringify(slack.blocks)).toContain("<https://status.example.test/incidents/inc-1|");
  });

  it("retries a 5xx, a 429 and a receiver that does not answer within 5 s, with backoff, and delivers once they recover", async () => {
    await webhookSubscriber("/flaky");
    await webhookSubscriber("/busy");
    await webhookSubscriber("/slow");
    receiver.answer("/flaky", { status: 503 }, { status: 502 });
    receiver.answer("/busy", { status: 429 });
    receiver.answer("/slow", "hang");
    await publish([catalog.crXA]);
    const sender = startSender();
    try {
      for (let attempt = 1; attempt <= 3; attempt++) {
        await waitUntil(
          "the failures are scheduled for later",
          async () =>
            (await t.db.notification.count({ where: { state: "sending" } })) === 0 &&
            (await t.db.notification.count({ where: { state: "pending", attempts: { gte: attempt } } })) +
              (await t.db.notification.count({ where: { state: "sent" } })) ===
              3,
        );
        const waiting = await t.db.notification.findMany({ where: { state: "pending" } });
        // Backoff: the next attempt is about RETRY_BASE_MS × 2^(n−1) away (±20 %), not immediate.
        for (const row of waiting) {
          expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(
            RETRY_BASE_MS * 2 ** (row.attempts - 1) * 0.8 - 10_000,
          );
          expect(row.lastError).toMatch(/HTTP 50[23]|HTTP 429|no answer within 5 s/);
        }
        if (waiting.length === 0) break;
        // The time has come (without waiting for it).
        await t.db.notification.updateMany({ where: { state: "pending" }, data: { nextAttemptAt: new Date() } });
      }
      await waitUntil("everything is delivered", async () => (await unsettled()) === 0);
    } finally {
      await sender.stop();
    }
    expect(receiver.on("/flaky")).toHaveLength(3);
    expect(receiver.on("/busy")).toHaveLength(2);
    expect(receiver.on("/slow")).toHaveLength(2);
    const rows = await t.db.notification.findMany({ include: { subscriber: true } });
    expect(rows.map((r) => [r.subscriber.webhookUrl!.slice(receiver.url.length), r.state, r.attempts]).sort()).toEqual([
      ["/busy", "sent", 2],
      ["/flaky", "sent", 3],
      ["/slow", "sent", 2],
    ]);
    // Every attempt of one row carries the same delivery id, so the receiver can drop a repeat.
    for (const path of ["/flaky", "/busy", "/slow"])
      expect(new Set(receiver.on(path).map((r) => r.deliveryId)).size).toBe(1);
  }, 60_000);

  it("fails a 4xx at once, and switches a subscriber off after three permanent failures in a row", async () => {
    const gone = await webhookSubscriber("/gone");
    const fine = await webhookSubscriber("/fine");
    receiver.always("/gone", { status: 410 });
    const sender = startSender();
    try {
      for (let i = 1; i <= 3; i++) {
        await publish([catalog.crXA]);
        await waitUntil("the event is settled", async () => (await unsettled()) === 0);
        const subscriber = await t.db.subscriber.findUniqueOrThrow({ where: { id: gone.id } });
        // Two failures are not yet a pattern; the third is.
        expect(subscriber.suppressedAt === null).toBe(i < 3);
      }
      await publish([catalog.crXA]);
      await waitUntil("the last event is settled", async () => (await unsettled()) === 0);
    } finally {
      await sender.stop();
    }
    expect(receiver.on("/gone")).toHaveLength(3);
    expect(receiver.on("/fine")).toHaveLength(4);
    const failed = await t.db.notification.findMany({ where: { subscriberId: gone.id } });
    expect(failed.every((r) => r.state === "failed" && r.attempts === 1 && r.lastError === "HTTP 410: ok")).toBe(true);
    const off = await t.db.subscriber.findUniqueOrThrow({ where: { id: gone.id } });
    expect(off.suppressReason).toMatch(/^3 permanent failures in a row: HTTP 410/);
    expect((await t.db.notification.count({ where: { subscriberId: fine.id, state: "sent" } })) === 4).toBe(true);
  });

  it("reads at most 64 KB of an answer and follows no redirect", async () => {
    receiver.always("/big", { status: 200, body: "x".repeat(1024 * 1024) });
    const big = await postWebhook(`${receiver.url}/big`, "{}", {}, { allowPrivate: true });
    expect(big.status).toBe(200);
    expect(big.truncated).toBe(true);
    expect(big.body.length).toBe(WEBHOOK_MAX_RESPONSE_BYTES);
    receiver.always("/moved", { status: 301, body: "moved" });
    await expect(postWebhook(`${receiver.url}/moved`, "{}", {}, { allowPrivate: true })).rejects.toMatchObject({
      details: { status: 301 },
    });
    expect(receiver.on("/moved")).toHaveLength(1);
  });
});

describe("the SSRF rule", () => {
  const refused = async (url: string, resolve?: Resolver) => {
    const error = await postWebhook(url, "{}", {}, { allowPrivate: false, resolve }).catch((e: unknown) => e);
    expect(error, url).toBeInstanceOf(WebhookRequestError);
    expect((error as WebhookRequestError).details.refused, url).toBe(true);
    return (error as Error).message;
  };

  it("refuses loopback, private and link-local targets, in IPv4, IPv6 and IPv4-mapped IPv6", async () => {
    const port = receiver.port;
    for (const host of [
      "127.0.0.1",
      "127.1.2.3",
      "0.0.0.0",
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "100.64.0.1",
      "169.254.169.254",
      "[::1]",
      "[::]",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[::ffff:169.254.169.254]",
      "[fe80::1]",
      "[fd12:3456::1]",
      "[64:ff9b::7f00:1]",
    ])
      expect(await refused(`http://${host}:${port}/ssrf`)).toMatch(/loopback, private or link-local/);
    expect(receiver.received).toHaveLength(0);
  });

  it("refuses a host name that resolves to a loopback or private address, and connects to the address it checked", async () => {
    // The system's resolver: localhost is 127.0.0.1 (and ::1).
    expect(await refused(`http://localhost:${receiver.port}/ssrf`)).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
    // A resolver that answers one public and one private address: one bad answer is enough.
    const mixed: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    await refused(`http://rebind.example.test:${receiver.port}/ssrf`, mixed);
    expect(receiver.received).toHaveLength(0);

    // Where private targets are allowed (demo, tests), the request goes to the address resolved once and checked —
    // here a name no real DNS knows — with the name the subscriber gave as its Host.
    let lookups = 0;
    const once: Resolver = async () => {
      lookups += 1;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    await postWebhook(
      `http://hooks.example.test:${receiver.port}/pinned`,
      "{}",
      {},
      { allowPrivate: true, resolve: once },
    );
    expect(lookups).toBe(1);
    expect(receiver.on("/pinned")[0]!.host).toBe(`hooks.example.test:${receiver.port}`);
  });

  it("makes the sender fail such a delivery without calling it", async () => {
    const secret = newWebhookSecret();
    await t.db.subscriber.create({
      data: {
        channel: "webhook",
        webhookUrl: `http://localhost:${receiver.port}/internal`,
        webhookSecret: secret,
        webhookFormat: "json",
        confirmedAt: new Date(),
      },
    });
    await publish([catalog.crXA]);
    const sender = startSender(false);
    try {
      await waitUntil("the event is settled", async () => (await unsettled()) === 0);
    } finally {
      await sender.stop();
    }
    const [row] = await t.db.notification.findMany();
    expect(row).toMatchObject({ state: "failed", attempts: 1 });
    expect(row!.lastError).toMatch(/loopback, private or link-local/);
    expect(receiver.received).toHaveLength(0);
  });
});
