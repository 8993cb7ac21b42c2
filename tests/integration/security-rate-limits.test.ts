// Finding 1: the subscribe limit trusted any X-Forwarded-For, so a new value on
// each request never tripped it. Now the client is the socket's peer unless
// the connection comes from TRUSTED_PROXIES, and the counters live in
// PostgreSQL: two replicas allow what one does. Plus a global cap on pending
// subscriptions an hour, whoever asks.
import { randomInt } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db.ts";
import { clientAddress, clientAddressOf, parseTrustedProxies } from "../../lib/http/client-address.ts";
import type { MailSettings } from "../../lib/mail/settings.ts";
import { takeRateToken } from "../../lib/rate-limits/take-token.ts";
import { createFrontDoor } from "../../lib/http/front-door.ts";
import { smtpSubscriptionMailer } from "../../lib/mail/immediate.ts";
import {
  checkSubscribeClient,
  createSubscribeLimits,
  SUBSCRIBE_LIMIT_PER_CLIENT,
} from "../../lib/subscribers/rate-limits.ts";
import { requestSubscription } from "../../lib/subscribers/request-subscription.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";

let t: TestDatabase;
let replicaB: Db;
let sink: SmtpSink;
const servers: http.Server[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  replicaB = createDb(t.url, { max: 2 });
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const server of servers) server.close();
  await replicaB.$disconnect();
  await sink.close();
  await t.drop();
});

/**
 * A replica's front door over `db`, with the subscribe form's first step behind it
 * (what the server action does: the client address Next was given → the per-client limit).
 */
async function replica(db: Db, trustedProxies = ""): Promise<string> {
  const server = http.createServer(
    createFrontDoor({
      trustedProxies: parseTrustedProxies(trustedProxies),
      headers: { publicFrameAncestors: "'self'" },
      toNext: (req, res) => {
        const client = clientAddressOf(new Headers(req.headers as Record<string, string>));
        checkSubscribeClient(db, client, new Date()).then(
          () => res.writeHead(200, { "x-client": client }).end("check your inbox"),
          (error: { code?: string }) =>
            res.writeHead(error.code === "RATE_LIMITED" ? 429 : 500, { "x-client": client }).end(),
        );
      },
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const randomAddress = () => `203.0.${randomInt(256)}.${randomInt(256)}`;
const post = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/subscribe`, { method: "POST", headers });

describe("who the client is", () => {
  it("is the socket's peer when no proxy is trusted: a new X-Forwarded-For on each request does not make a new client", async () => {
    const base = await replica(t.db);
    const statuses: number[] = [];
    for (let i = 0; i <= SUBSCRIBE_LIMIT_PER_CLIENT.limit; i++) {
      const response = await post(base, {
        "x-forwarded-for": randomAddress(),
        "x-bellwether-client-address": randomAddress(),
      });
      expect(response.headers.get("x-client")).toBe("127.0.0.1");
      statuses.push(response.status);
    }
    expect(statuses.slice(0, SUBSCRIBE_LIMIT_PER_CLIENT.limit).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("comes from X-Forwarded-For only through a trusted proxy, counted by hops or by the proxies' addresses", () => {
    const hops = parseTrustedProxies("1");
    const cidrs = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");
    expect(clientAddress("10.1.2.3", "198.51.100.7", parseTrustedProxies(undefined))).toBe("10.1.2.3");
    // One proxy in front: it appended the address it saw; anything left of it is the client's own say.
    expect(clientAddress("10.1.2.3", "1.2.3.4, 198.51.100.7", hops)).toBe("198.51.100.7");
    expect(clientAddress("::ffff:10.1.2.3", undefined, hops)).toBe("10.1.2.3");
    // Proxies by address: the rightmost address that is not one of them.
    expect(clientAddress("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.9.9.9", cidrs)).toBe("198.51.100.7");
    // A peer that is not a trusted proxy speaks for itself, whatever it forwards.
    expect(clientAddress("198.51.100.20", "1.2.3.4", cidrs)).toBe("198.51.100.20");
    expect(clientAddress("::1", "2001:db8::1", cidrs)).toBe("2001:db8::1");
    expect(() => parseTrustedProxies("10.0.0.0/40")).toThrow();
    expect(() => parseTrustedProxies("proxy.example.com")).toThrow();
  });

  it("behind a trusted proxy, clients are told apart by the address the proxy saw", async () => {
    const base = await replica(t.db, "127.0.0.1/32");
    const first = await post(base, { "x-forwarded-for": "198.51.100.99" });
    expect(first.headers.get("x-client")).toBe("198.51.100.99");
    expect(first.status).toBe(200);
  });
});

describe("limits kept in PostgreSQL", () => {
  it("two replicas on one database allow what one allows", async () => {
    const a = await replica(t.db);
    const b = await replica(replicaB);
    const client = { "x-forwarded-for": "ignored" };
    // A fresh client for this test: the limiter is keyed by scope and address, so use the PostgreSQL bucket directly for another peer.
    const rule = { limit: 4, windowMs: 60_000 };
    const now = new Date();
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push((await takeRateToken(i % 2 ? replicaB : t.db, "test:replicas", "198.51.100.1", rule, now)).allowed);
    expect(results).toEqual([true, true, true, true, false, false]);
    // And through the front doors: the peer 127.0.0.1 already spent its tokens in the first test, on either replica.
    expect((await post(a, client)).status).toBe(429);
    expect((await post(b, client)).status).toBe(429);
  });

  it("refills over the window and refuses concurrent takers beyond the limit, exactly", async () => {
    const rule = { limit: 5, windowMs: 10_000 };
    const now = new Date();
    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        takeRateToken(i % 2 ? replicaB : t.db, "test:race", "198.51.100.2", rule, now),
      ),
    );
    expect(taken.filter((r) => r.allowed)).toHaveLength(5);
    const refused = taken.find((r) => !r.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(1_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(2_000);
    expect(
      (await takeRateToken(t.db, "test:race", "198.51.100.2", rule, new Date(now.getTime() + 2_000))).allowed,
    ).toBe(true);
  });
});

describe("the global cap on pending subscriptions", () => {
  it("stops new pending subscriptions beyond the hourly cap, whatever the addresses, and writes nothing for them", async () => {
    const mail: MailSettings = {
      smtpUrl: sink.url,
      from: "Status <status@example.test>",
      publicUrl: "https://status.example.test",
      secret: "s".repeat(40),
    };
    const limits = createSubscribeLimits({ pendingPerHour: { limit: 3, windowMs: 3_600_000 } });
    const ask = (email: string) =>
      requestSubscription(
        t.db,
        { email, scope: { all: true, tier1Only: false, regionIds: [], componentIds: [] } },
        { now: new Date(), mail, mailer: smtpSubscriptionMailer(mail), limits },
      );
    for (const n of [1, 2, 3]) expect(await ask(`cap-${n}@example.test`)).toBe("confirmation_sent");
    await expect(ask("cap-4@example.test")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await t.db.subscriber.findUnique({ where: { email: "cap-4@example.test" } })).toBeNull();
    expect(sink.messages.filter((m) => m.to.includes("cap-4@example.test"))).toHaveLength(0);
  });
});
