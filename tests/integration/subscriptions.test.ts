// Subscribing, confirming and managing a subscription against the real
// database and a real SMTP server: tokens stored hashed, single use and
// expiring; the same kind of answer for new and existing addresses; the
// per-address limit; what each signed link may and may not do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MailSettings } from "../../lib/mail/settings.ts";
import { confirmSubscription, findPendingConfirmation } from "../../lib/subscribers/confirm-subscription.ts";
import { smtpSubscriptionMailer } from "../../lib/mail/immediate.ts";
import { changeSubscription, findSubscriptionByLink, unsubscribe } from "../../lib/subscribers/manage-subscription.ts";
import { createSubscribeLimits, SUBSCRIBE_LIMIT_PER_ADDRESS } from "../../lib/subscribers/rate-limits.ts";
import { requestSubscription } from "../../lib/subscribers/request-subscription.ts";
import { CONFIRM_TTL_MS, hashToken, signSubscriberLink } from "../../lib/subscribers/tokens.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeProduct, makeRegion } from "../support/factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";

const SECRET = "b".repeat(40);
let t: TestDatabase;
let sink: SmtpSink;
let mail: MailSettings;
let regionId: string;
let componentId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  mail = {
    smtpUrl: sink.url,
    from: "Status <status@status.example.test>",
    publicUrl: "https://status.example.test",
    secret: SECRET,
  };
  regionId = (await makeRegion(t.db, { key: "eu-test.gcp" })).id;
  componentId = (await makeComponent(t.db, (await makeProduct(t.db)).id, { name: "Checkout" })).id;
});
afterAll(async () => {
  await sink.close();
  await t.drop();
});
beforeEach(() => sink.clear());

const everything = { all: true, tier1Only: false, regionIds: [], componentIds: [] };

function request(
  email: string,
  scope: object = everything,
  options: { now?: Date; limits?: ReturnType<typeof createSubscribeLimits> } = {},
) {
  return requestSubscription(t.db, { email, scope } as never, {
    now: options.now ?? new Date(),
    mail,
    mailer: smtpSubscriptionMailer(mail),
    limits: options.limits ?? createSubscribeLimits(),
  });
}

async function tokenFromInbox(): Promise<string> {
  const text = (await sink.parse(sink.messages.at(-1)!)).text ?? "";
  return new URL(/Confirm subscription: (\S+)/.exec(text)![1]!).searchParams.get("token")!;
}

describe("subscribing", () => {
  it("stores only the hash of a confirmation token, which works once and not after it expires", async () => {
    expect(await request("Ada@Example.TEST", { all: false, regionIds: [regionId], componentIds: [componentId] })).toBe(
      "confirmation_sent",
    );
    const token = await tokenFromInbox();
    expect((await sink.parse(sink.messages[0]!)).text).toContain(
      "You asked for updates about Checkout in eu-test.gcp.",
    );
    const row = await t.db.subscriber.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(row).toMatchObject({ confirmedAt: null, confirmTokenHash: hashToken(token), scopeAll: false });
    expect(JSON.stringify(row)).not.toContain(token);

    const late = new Date(Date.now() + CONFIRM_TTL_MS + 1000);
    expect(await findPendingConfirmation(t.db, token, late)).toBeNull();
    await expect(confirmSubscription(t.db, { token }, late)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findPendingConfirmation(t.db, token, new Date())).toEqual({ email: "ada@example.test" });
    const confirmed = await confirmSubscription(t.db, { token }, new Date());
    expect(confirmed.email).toBe("ada@example.test");
    await expect(confirmSubscription(t.db, { token }, new Date())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers an address that is already subscribed with its manage link, changing nothing", async () => {
    await request("bo@example.test");
    await confirmSubscription(t.db, { token: await tokenFromInbox() }, new Date());
    const before = await t.db.subscriber.findUniqueOrThrow({ where: { email: "bo@example.test" } });
    sink.clear();
    expect(await request("bo@example.test", { all: false, regionIds: [regionId], componentIds: [] })).toBe(
      "manage_link_sent",
    );
    expect(sink.messages).toHaveLength(1);
    const text = (await sink.parse(sink.messages[0]!)).text ?? "";
    expect(text).toContain(
      `https://status.example.test/subscribe/manage?token=${encodeURIComponent(signSubscriberLink(SECRET, "manage", before.id, before.confirmedAt!))}`,
    );
    expect(await t.db.subscriber.findUniqueOrThrow({ where: { email: "bo@example.test" } })).toEqual(before);
  });

  it("refuses bad input with a message per field", async () => {
    await expect(request("not-an-address")).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["email"] })],
    });
    await expect(request("cy@example.test", { all: false, regionIds: [], componentIds: [] })).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          path: ["scope"],
          message: "Choose at least one region or component, or everything.",
        }),
      ],
    });
    await expect(
      request("cy@example.test", { all: false, regionIds: ["nope"], componentIds: [] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("sends an address at most three emails an hour, and does not even rotate its link beyond that", async () => {
    const limits = createSubscribeLimits();
    const now = new Date();
    for (let i = 0; i < SUBSCRIBE_LIMIT_PER_ADDRESS.limit; i++)
      expect(await request("dee@example.test", everything, { limits, now })).toBe("confirmation_sent");
    const hash = (await t.db.subscriber.findUniqueOrThrow({ where: { email: "dee@example.test" } })).confirmTokenHash;
    expect(await request("dee@example.test", everything, { limits, now })).toBe("address_limited");
    expect(sink.messages).toHaveLength(SUBSCRIBE_LIMIT_PER_ADDRESS.limit);
    expect((await t.db.subscriber.findUniqueOrThrow({ where: { email: "dee@example.test" } })).confirmTokenHash).toBe(
      hash,
    );
    // Another address is not affected.
    expect(await request("eve@example.test", everything, { limits, now })).toBe("confirmation_sent");
  });
});

describe("managing a subscription by its signed links", () => {
  it("changes the scope with a manage link, never with an unsubscribe link; unsubscribing twice is harmless; saving again subscribes again", async () => {
    await request("fay@example.test");
    const { subscriberId, confirmedAt } = await confirmSubscription(
      t.db,
      { token: await tokenFromInbox() },
      new Date(),
    );
    const manage = signSubscriberLink(SECRET, "manage", subscriberId, confirmedAt);
    const unsubscribeLink = signSubscriberLink(SECRET, "unsubscribe", subscriberId, confirmedAt);
    const narrow = { all: false, tier1Only: true, regionIds: [regionId], componentIds: [] };

    await expect(changeSubscription(t.db, SECRET, { token: unsubscribeLink, scope: narrow })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const changed = await changeSubscription(t.db, SECRET, { token: manage, scope: narrow });
    expect(changed.scope).toEqual(narrow);
    expect((await findSubscriptionByLink(t.db, SECRET, "manage", manage))?.scope).toEqual(narrow);

    const first = new Date("2026-03-01T10:00:00Z");
    await unsubscribe(t.db, SECRET, { token: unsubscribeLink }, first);
    await unsubscribe(t.db, SECRET, { token: unsubscribeLink }, new Date());
    expect((await t.db.subscriber.findUniqueOrThrow({ where: { id: subscriberId } })).unsubscribedAt).toEqual(first);

    await changeSubscription(t.db, SECRET, { token: manage, scope: everything });
    expect((await t.db.subscriber.findUniqueOrThrow({ where: { id: subscriberId } })).unsubscribedAt).toBeNull();
    await expect(unsubscribe(t.db, "c".repeat(40), { token: unsubscribeLink }, new Date())).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lets a bounced or unsubscribed address come back only by confirming again, which voids its old links", async () => {
    await request("gus@example.test");
    const { subscriberId, confirmedAt } = await confirmSubscription(
      t.db,
      { token: await tokenFromInbox() },
      new Date(Date.now() - 60_000),
    );
    const oldLink = signSubscriberLink(SECRET, "manage", subscriberId, confirmedAt);
    await t.db.subscriber.update({
      where: { id: subscriberId },
      data: { suppressedAt: new Date(), suppressReason: "hard bounce" },
    });
    await expect(changeSubscription(t.db, SECRET, { token: oldLink, scope: everything })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    expect(await request("gus@example.test")).toBe("confirmation_sent");
    expect((await t.db.subscriber.findUniqueOrThrow({ where: { id: subscriberId } })).suppressedAt).not.toBeNull();
    await confirmSubscription(t.db, { token: await tokenFromInbox() }, new Date());
    expect(await t.db.subscriber.findUniqueOrThrow({ where: { id: subscriberId } })).toMatchObject({
      suppressedAt: null,
      suppressReason: null,
      unsubscribedAt: null,
    });
    expect(await findSubscriptionByLink(t.db, SECRET, "manage", oldLink)).toBeNull();
  });
});
