// "Get updates on this incident" against the real database and SMTP server:
// the same double opt-in as any scope, the confirmation link carrying the
// incident; an active address keeps its scope and gains the incident, a new or
// lapsed one follows that incident alone; a resolved incident cannot be followed.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { smtpSubscriptionMailer } from "../../lib/mail/immediate.ts";
import type { MailSettings } from "../../lib/mail/settings.ts";
import { confirmSubscription } from "../../lib/subscribers/confirm-subscription.ts";
import { requestIncidentFollow } from "../../lib/subscribers/follow-incident.ts";
import { createSubscribeLimits } from "../../lib/subscribers/rate-limits.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeIncident, makeRegion } from "../support/factories.ts";
import { appErrorOf } from "../support/incident-factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { makeSubscriber } from "../support/subscriber-factories.ts";

let t: TestDatabase;
let sink: SmtpSink;
let mail: MailSettings;
let open: { id: string; title: string };

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  mail = {
    smtpUrl: sink.url,
    from: "Status <status@status.example.test>",
    publicUrl: "https://status.example.test",
    secret: "c".repeat(40),
  };
  open = await makeIncident(t.db, []);
});
afterAll(async () => {
  await sink.close();
  await t.drop();
});
beforeEach(() => sink.clear());

const follow = (email: string, incidentId = open.id) =>
  requestIncidentFollow(
    t.db,
    { email, incidentId },
    { now: new Date(), mail, mailer: smtpSubscriptionMailer(mail), limits: createSubscribeLimits() },
  );

async function linkFromInbox(): Promise<URL> {
  const text = (await sink.parse(sink.messages.at(-1)!)).text ?? "";
  expect(text).toContain(open.title);
  return new URL(/Confirm subscription: (\S+)/.exec(text)![1]!);
}

async function confirmFromInbox() {
  const link = await linkFromInbox();
  expect(link.searchParams.get("incident")).toBe(open.id);
  return confirmSubscription(
    t.db,
    { token: link.searchParams.get("token")!, incidentId: link.searchParams.get("incident")! },
    new Date(),
  );
}

const followed = (subscriberId: string) =>
  t.db.subscriberIncident.findMany({ where: { subscriberId }, select: { incidentId: true } });

it("a new address follows the incident alone, only once it confirms", async () => {
  expect(await follow("new-follower@example.test")).toBe("confirmation_sent");
  const pending = await t.db.subscriber.findUniqueOrThrow({ where: { email: "new-follower@example.test" } });
  expect(pending.confirmedAt).toBeNull();
  expect(await followed(pending.id)).toEqual([]);
  const { subscriberId } = await confirmFromInbox();
  expect(await followed(subscriberId)).toEqual([{ incidentId: open.id }]);
  const row = await t.db.subscriber.findUniqueOrThrow({ where: { id: subscriberId }, include: { regions: true } });
  expect(row.scopeAll).toBe(false);
  expect(row.regions).toEqual([]);
});

it("an active address keeps its scope and gains the incident; a lapsed one loses what it once chose", async () => {
  const region = await makeRegion(t.db);
  const active = await makeSubscriber(t.db, { scope: { all: false, regionIds: [region.id] } });
  await follow(active.email!);
  await confirmFromInbox();
  expect(await followed(active.id)).toEqual([{ incidentId: open.id }]);
  expect(await t.db.subscriberRegion.count({ where: { subscriberId: active.id } })).toBe(1);

  const lapsed = await makeSubscriber(t.db, { scope: { all: true }, unsubscribed: true });
  await follow(lapsed.email!);
  await confirmFromInbox();
  const row = await t.db.subscriber.findUniqueOrThrow({ where: { id: lapsed.id } });
  expect(row.scopeAll).toBe(false);
  expect(row.unsubscribedAt).toBeNull();
  expect(await followed(lapsed.id)).toEqual([{ incidentId: open.id }]);
});

it("refuses a resolved or unknown incident, and a link for one that resolved before the click adds nothing", async () => {
  const resolved = await makeIncident(t.db, [], { status: "resolved" });
  expect((await appErrorOf(follow("late@example.test", resolved.id))).code).toBe("VALIDATION");
  expect((await appErrorOf(follow("late@example.test", "no-such-incident"))).code).toBe("VALIDATION");
  expect(sink.messages).toHaveLength(0);

  const soon = await makeIncident(t.db, []);
  await requestIncidentFollow(
    t.db,
    { email: "slow-reader@example.test", incidentId: soon.id },
    {
      now: new Date(),
      mail,
      mailer: smtpSubscriptionMailer(mail),
      limits: createSubscribeLimits(),
    },
  );
  await t.db.incident.update({ where: { id: soon.id }, data: { status: "resolved", resolvedAt: new Date() } });
  const text = (await sink.parse(sink.messages.at(-1)!)).text ?? "";
  const link = new URL(/Confirm subscription: (\S+)/.exec(text)![1]!);
  const { subscriberId } = await confirmSubscription(
    t.db,
    { token: link.searchParams.get("token")!, incidentId: soon.id },
    new Date(),
  );
  expect(await followed(subscriberId)).toEqual([]);
});
