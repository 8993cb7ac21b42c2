// Subscribing a webhook: on the public form the URL must echo a challenge
// (JSON) or a person must follow the link posted into the channel (Slack);
// the secret comes back once and signs what follows. In the console, only an
// admin adds one. Either way, a URL webhooks may not reach is refused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSubscribeLimits } from "../../lib/subscribers/rate-limits.ts";
import { addWebhookSubscriber } from "../../lib/subscribers/add-webhook-subscriber.ts";
import { confirmSubscription } from "../../lib/subscribers/confirm-subscription.ts";
import { requestWebhookSubscription } from "../../lib/subscribers/request-webhook-subscription.ts";
import { verifyWebhookSignature } from "../../lib/webhooks/signature.ts";
import { makeUser } from "../support/console-factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeRegion } from "../support/factories.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

const links = { publicUrl: "https://status.example.test", secret: "x".repeat(40) };
const everything = { all: true };

let t: TestDatabase;
let receiver: WebhookReceiver;
const deps = (allowPrivate = true) => ({
  now: new Date(),
  links,
  limits: createSubscribeLimits({ pendingPerHour: { limit: 1000, windowMs: 3_600_000 } }),
  webhook: { allowPrivate },
});

beforeAll(async () => {
  t = await createTestDatabase();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.drop();
});
afterEach(async () => {
  receiver.clear();
  await t.db.subscriber.deleteMany({});
});

describe("the public form", () => {
  it("subscribes a URL that echoes the challenge, and returns the secret that signed it", async () => {
    const region = await makeRegion(t.db);
    receiver.always("/hooks/status", "echo");
    const url = `${receiver.url}/hooks/status`;
    const result = await requestWebhookSubscription(
      t.db,
      { url, scope: { all: false, regionIds: [region.id] } },
      deps(),
    );
    expect(result).toMatchObject({ outcome: "confirmed", format: "json" });
    const secret = (result as { secret: string }).secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [challenge] = receiver.on("/hooks/status");
    expect(JSON.parse(challenge!.body)).toMatchObject({ type: "challenge", challenge: expect.any(String) });
    expect(challenge!.event).toBe("challenge");
    expect(
      verifyWebhookSignature(
        secret,
        { timestamp: challenge!.timestamp ?? null, signature: challenge!.signature ?? null },
        challenge!.body,
        new Date(),
      ),
    ).toBe(true);
    const row = await t.db.subscriber.findUniqueOrThrow({ where: { webhookUrl: url }, include: { regions: true } });
    expect(row).toMatchObject({ channel: "webhook", email: null, webhookFormat: "json", webhookSecret: secret });
    expect(row.confirmedAt).not.toBeNull();
    expect(row.regions.map((r) => r.regionId)).toEqual([region.id]);

    // Proving control again replaces the secret: the old one stops signing.
    const again = await requestWebhookSubscription(t.db, { url, scope: everything }, deps());
    expect((again as { secret: string }).secret).not.toBe(secret);
    expect(await t.db.subscriber.count()).toBe(1);
  });

  it("refuses a URL that answers without the challenge, or fails, or may not be reached — and stores nothing", async () => {
    receiver.always("/lazy", { status: 200, body: "thanks" });
    receiver.always("/broken", { status: 500 });
    for (const [url, message] of [
      [`${receiver.url}/lazy`, /did not contain the challenge/],
      [`${receiver.url}/broken`, /HTTP 500/],
      ["ftp://example.test/hook", null],
      ["not a url", null],
    ] as const) {
      const error = await requestWebhookSubscription(t.db, { url, scope: everything }, deps()).catch((e: unknown) => e);
      expect(error, url).toMatchObject({ code: "VALIDATION" });
      expect((error as { fields: Record<string, string[]> }).fields.url, url).toBeDefined();
      if (message) expect((error as Error).message).toMatch(message);
    }
    receiver.always("/hooks/status", "echo");
    const ssrf = await requestWebhookSubscription(
      t.db,
      { url: `${receiver.url}/hooks/status`, scope: everything },
      deps(false),
    ).catch((e: unknown) => e);
    expect((ssrf as Error).message).toMatch(/loopback, private or link-local/);
    expect(receiver.on("/hooks/status")).toHaveLength(0);
    expect(await t.db.subscriber.count()).toBe(0);
  });

  it("posts a confirmation link to a Slack channel, and subscribes it once someone follows the link", async () => {
    const url = `${receiver.url}/services/T000/B000/XXXX`;
    const result = await requestWebhookSubscription(t.db, { url, format: "slack", scope: everything }, deps());
    expect(result).toMatchObject({ outcome: "confirmation_posted", format: "slack" });
    const [message] = receiver.on("/services/T000/B000/XXXX");
    const text = (JSON.parse(message!.body) as { text: string }).text;
    const token = /\/subscribe\/confirm\?token=([^|>]+)\|/.exec(text)?.[1];
    expect(token).toBeDefined();
    const pending = await t.db.subscriber.findUniqueOrThrow({ where: { webhookUrl: url } });
    expect(pending.confirmedAt).toBeNull();
    await confirmSubscription(t.db, { token: decodeURIComponent(token!) }, new Date());
    const active = await t.db.subscriber.findUniqueOrThrow({ where: { webhookUrl: url } });
    expect(active).toMatchObject({ channel: "webhook", webhookFormat: "slack" });
    expect(active.confirmedAt).not.toBeNull();

    // Asking again for an active channel posts its manage link and changes nothing.
    const again = await requestWebhookSubscription(t.db, { url, format: "slack", scope: everything }, deps());
    expect(again).toEqual({ outcome: "manage_link_posted", format: "slack" });
    expect(receiver.on("/services/T000/B000/XXXX")[1]!.body).toContain("/subscribe/manage?token=");
    expect((await t.db.subscriber.findUniqueOrThrow({ where: { webhookUrl: url } })).webhookSecret).toBe(
      active.webhookSecret,
    );
  });
});

describe("the console", () => {
  it("lets an admin add a webhook subscriber (audited, secret returned once), and nobody else", async () => {
    const admin = await makeUser(t.db, "ADMIN");
    const url = "https://hooks.slack.com/services/T1/B1/abc";
    const added = await addWebhookSubscriber(t.db, admin, { url, scope: everything }, deps(false));
    expect(added).toMatchObject({ url, format: "slack", secret: expect.stringMatching(/^whsec_/) });
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entityId: added.id } });
    expect(audit).toMatchObject({ action: "subscriber.add_webhook", actorId: admin.id });
    expect(JSON.stringify(audit.after)).not.toContain(added.secret);
    await expect(addWebhookSubscriber(t.db, admin, { url, scope: everything }, deps(false))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    for (const role of ["ENGINEER", "ACCOUNT_MANAGER", "VIEWER"] as const) {
      const actor = await makeUser(t.db, role);
      await expect(
        addWebhookSubscriber(t.db, actor, { url: `https://example.com/${role}`, scope: everything }, deps(false)),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(
      addWebhookSubscriber(t.db, admin, { url: "http://169.254.169.254/latest", scope: everything }, deps(false)),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { url: [expect.stringMatching(/link-local/)] } });
    expect(await t.db.subscriber.count()).toBe(1);
  });
});
