// Reminders under a fake clock: an action item due in 2 days gives its owner
// one email, however often the job runs and in however many workers; the
// weekly digest reaches each engineer once a week.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db.ts";
import type { Actor } from "../../lib/domain/roles.ts";
import { createActionItem } from "../../lib/postmortems/create-action-item.ts";
import { createPostmortem } from "../../lib/postmortems/create-postmortem.ts";
import { listMyActionItems, listOverdueActionItems } from "../../lib/postmortems/list-action-items.ts";
import { sendActionItemReminders, sendOverdueDigest } from "../../lib/postmortems/reminders.ts";
import { transitionActionItem } from "../../lib/postmortems/transition-action-item.ts";
import { makeUser } from "../support/console-factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor, makePlatform } from "../support/incident-factories.ts";
import { makeRecordedIncident } from "../support/postmortem-factories.ts";

let t: TestDatabase;
let other: Db;
let alice: Actor;
let bob: Actor;
let postmortemId: string;
const now = new Date("2026-03-10T07:00:00Z");
const options = { baseUrl: "https://status.example.com" };

beforeAll(async () => {
  t = await createTestDatabase();
  other = createDb(t.url, { max: 2 });
  alice = await makeActor(t.db, "ENGINEER");
  bob = await makeActor(t.db, "ADMIN");
  const p = await makePlatform(t.db, [{ key: "checkout", tier: "TIER_1" }], 3);
  const rec = await makeRecordedIncident(t.db, p, bob, new Date("2026-03-02T10:00:00Z"));
  postmortemId = (
    await createPostmortem(t.db, alice, { incidentId: rec.incidentId }, { now: new Date("2026-03-02T12:00:00Z") })
  ).id;
});
afterAll(async () => {
  await other.$disconnect();
  await t.drop();
});

const item = (title: string, ownerId: string, dueDate: string) =>
  createActionItem(t.db, alice, { postmortemId, title, ownerId, dueDate });
const mails = (prefix: string) =>
  t.db.staffMail.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { dedupeKey: "asc" } });

it("reminds the owner of an item due in 2 days once, however often and wherever the job runs", async () => {
  const due = await item("Canary deploys <for> the adapter", bob.id, "2026-03-12");
  await item("Due in 3 days: not yet", bob.id, "2026-03-13");
  const done = await item("Already done", bob.id, "2026-03-11");
  await transitionActionItem(t.db, alice, { actionItemId: done.id, to: "in_progress" });
  await transitionActionItem(t.db, alice, { actionItemId: done.id, to: "done" });

  expect(await sendActionItemReminders(t.db, now, options)).toEqual({ queued: 1 });
  expect(await sendActionItemReminders(t.db, now, options)).toEqual({ queued: 0 });
  const racing = await Promise.all([
    sendActionItemReminders(t.db, now, options),
    sendActionItemReminders(other, now, options),
  ]);
  expect(racing.map((r) => r.queued)).toEqual([0, 0]);

  const sent = await mails("action-item-reminder:");
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    dedupeKey: `action-item-reminder:${due.id}:2026-03-10`,
    to: bob.email,
    subject: "Action item due in 2 days: Canary deploys <for> the adapter",
  });
  expect(sent[0]!.html).toContain("Canary deploys &lt;for&gt; the adapter");
  expect(sent[0]!.html).not.toContain("<for>");
  expect(sent[0]!.text).toContain("https://status.example.com/admin/incidents/");
});

it("queues exactly one reminder when two workers run at the same moment for the first time", async () => {
  const later = new Date("2026-03-11T07:00:00Z");
  const results = await Promise.all([
    sendActionItemReminders(t.db, later, options),
    sendActionItemReminders(other, later, options),
  ]);
  // Items due on the 12th and 13th are within 2 days of the 11th: each gets one mail for the day.
  expect(results[0]!.queued + results[1]!.queued).toBe(2);
  expect((await mails("action-item-reminder:")).filter((m) => m.dedupeKey.endsWith(":2026-03-11"))).toHaveLength(2);
});

it("sends each engineer and admin one weekly digest of overdue items", async () => {
  const late = await item("Overdue runbook", alice.id, "2026-03-05");
  await makeUser(t.db, "VIEWER");
  await makeUser(t.db, "ENGINEER", { disabledAt: new Date() });
  expect((await listOverdueActionItems(t.db, now)).map((i) => i.id)).toEqual([late.id]);
  expect((await listMyActionItems(t.db, alice, { now })).map((i) => [i.title, i.overdue])).toEqual([
    ["Overdue runbook", true],
  ]);

  const [a, b] = await Promise.all([sendOverdueDigest(t.db, now, options), sendOverdueDigest(other, now, options)]);
  expect(a.queued + b.queued).toBe(2);
  expect((await sendOverdueDigest(t.db, new Date("2026-03-13T07:00:00Z"), options)).queued).toBe(0);
  const digests = await mails("overdue-digest:");
  expect(digests.map((m) => m.to).sort()).toEqual([alice.email, bob.email].sort());
  expect(digests[0]!.dedupeKey).toMatch(/^overdue-digest:.+:2026-W11$/);
  expect(digests[0]!.text).toContain("Overdue runbook");
  expect(digests[0]!.text).toContain("5 days overdue");
});

it("refuses a won't-do without a reason and moves that are not allowed", async () => {
  const i = await item("Maybe later", alice.id, "2026-04-01");
  expect(await appErrorOf(transitionActionItem(t.db, alice, { actionItemId: i.id, to: "wont_do" }))).toMatchObject({
    code: "VALIDATION",
    fields: { reason: ["Say why it won't be done."] },
  });
  expect(await appErrorOf(transitionActionItem(t.db, alice, { actionItemId: i.id, to: "done" }))).toMatchObject({
    code: "INVALID_TRANSITION",
  });
  const dropped = await transitionActionItem(t.db, alice, {
    actionItemId: i.id,
    to: "wont_do",
    reason: "Replaced by the canary.",
  });
  expect(dropped).toMatchObject({ state: "wont_do", wontDoReason: "Replaced by the canary." });
  expect(await transitionActionItem(t.db, alice, { actionItemId: i.id, to: "open" })).toMatchObject({
    state: "open",
    wontDoReason: null,
  });
});
