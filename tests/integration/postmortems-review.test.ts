// Review and publishing: the two-person rule, edits after approval going back
// to review, the snapshot readers see, revisions, subscribers told exactly
// once, and bad input refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { readPublishedPostmortem } from "../../lib/domain/published-postmortem.ts";
import { approvePostmortem } from "../../lib/postmortems/approve-postmortem.ts";
import { createActionItem } from "../../lib/postmortems/create-action-item.ts";
import { createPostmortem } from "../../lib/postmortems/create-postmortem.ts";
import { getPostmortemForConsole } from "../../lib/postmortems/get-postmortem.ts";
import { listPostmortemsDue } from "../../lib/postmortems/list-postmortems-due.ts";
import { markNotRequired } from "../../lib/postmortems/mark-not-required.ts";
import { publishPostmortem } from "../../lib/postmortems/publish-postmortem.ts";
import { savePostmortem } from "../../lib/postmortems/save-postmortem.ts";
import { setTimelineEntryFlags } from "../../lib/postmortems/set-timeline-entry-flags.ts";
import { submitForReview } from "../../lib/postmortems/submit-for-review.ts";
import { transitionActionItem } from "../../lib/postmortems/transition-action-item.ts";
import { undoNotRequired } from "../../lib/postmortems/undo-not-required.ts";
import type { PostmortemView } from "../../lib/postmortems/types.ts";
import { makeUser } from "../support/console-factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeIncident } from "../support/factories.ts";
import {
  appErrorOf,
  makeActor,
  makePlatform,
  makeSubscriber,
  type TestPlatform,
} from "../support/incident-factories.ts";
import { makeRecordedIncident } from "../support/postmortem-factories.ts";
import { fanOutPendingEvents } from "../../lib/notifications/fan-out.ts";

let t: TestDatabase;
let alice: Actor;
let bob: Actor;
let p: TestPlatform;
let pm: PostmortemView;
const t0 = new Date("2026-03-02T10:00:00Z");
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await makeActor(t.db, "ENGINEER");
  bob = await makeActor(t.db, "ENGINEER");
  p = await makePlatform(
    t.db,
    [
      { key: "checkout", tier: "TIER_1" },
      { key: "search", tier: "TIER_1" },
    ],
    3,
  );
  const rec = await makeRecordedIncident(t.db, p, bob, t0);
  pm = await createPostmortem(t.db, alice, { incidentId: rec.incidentId }, { now: day(0.1) });
});
afterAll(() => t.drop());

const stored = () => t.db.postmortem.findUniqueOrThrow({ where: { id: pm.id } });
const view = async (who: Actor = alice, now = day(1)) =>
  (await getPostmortemForConsole(t.db, who, { postmortemId: pm.id }, { now }))!;
const auditCount = () => t.db.auditEntry.count({ where: { entityType: { in: ["Postmortem", "ActionItem"] } } });

describe("bad input gets a clear error and nothing is written", () => {
  it("refuses an empty action-item title, a disabled owner and a non-http tracker link", async () => {
    const before = await auditCount();
    const disabled = await makeUser(t.db, "ENGINEER", { disabledAt: new Date() });
    const viewer = await makeUser(t.db, "VIEWER");
    const item = { postmortemId: pm.id, title: "Add a canary", ownerId: bob.id, dueDate: "2026-03-20" };
    expect(await appErrorOf(createActionItem(t.db, alice, { ...item, title: "   " }))).toMatchObject({
      code: "VALIDATION",
      fields: { title: ["Give the action item a title."] },
    });
    expect(await appErrorOf(createActionItem(t.db, alice, { ...item, ownerId: disabled.id }))).toMatchObject({
      code: "VALIDATION",
      fields: { ownerId: [`${disabled.email} is disabled and cannot own action items: choose someone else.`] },
    });
    expect(await appErrorOf(createActionItem(t.db, alice, { ...item, ownerId: viewer.id }))).toMatchObject({
      code: "VALIDATION",
      fields: { ownerId: [expect.stringContaining("not an engineer")] },
    });
    expect(
      await appErrorOf(createActionItem(t.db, alice, { ...item, trackerUrl: "javascript:alert(1)" })),
    ).toMatchObject({ code: "VALIDATION", fields: { trackerUrl: [expect.any(String)] } });
    expect(await t.db.actionItem.count()).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it("refuses a section over 50,000 characters, naming it, and keeps the text", async () => {
    const error = await appErrorOf(
      savePostmortem(t.db, alice, {
        postmortemId: pm.id,
        expectedVersion: pm.version,
        summary: "ok",
        rootCause: "x".repeat(50_001),
      }),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      fields: { rootCause: ["Keep a section under 50,000 characters."] },
    });
    expect(error.fields!.summary).toBeUndefined();
    expect((await stored()).summary).toBe(pm.sections.summary);
    expect((await stored()).version).toBe(pm.version);
  });

  it("refuses publishing without approval and approving one's own postmortem", async () => {
    expect(await appErrorOf(publishPostmortem(t.db, bob, { postmortemId: pm.id }))).toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringContaining("must be approved"),
    });
    await submitForReview(t.db, alice, { postmortemId: pm.id }, { now: day(1) });
    const own = await appErrorOf(approvePostmortem(t.db, alice, { postmortemId: pm.id }, { now: day(1) }));
    expect(own).toMatchObject({
      code: "FORBIDDEN",
      message: "You wrote this postmortem: another engineer must approve it (two-person rule).",
    });
    expect(await appErrorOf(publishPostmortem(t.db, bob, { postmortemId: pm.id }))).toMatchObject({
      code: "INVALID_TRANSITION",
    });
    const s = await stored();
    expect(s).toMatchObject({
      state: "in_review",
      reviewerId: null,
      approvedAt: null,
      published: null,
      publishCount: 0,
    });
    expect((await view(alice)).permissions).toMatchObject({
      approve: false,
      approveBlockedReason: expect.stringContaining("two-person rule"),
    });
    expect((await view(bob)).permissions).toMatchObject({ approve: true, approveBlockedReason: null });
    const viewer = await makeActor(t.db, "VIEWER");
    expect(await appErrorOf(approvePostmortem(t.db, viewer, { postmortemId: pm.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("review and publishing", () => {
  it("publishes the approved public version and tells subscribers in scope exactly once", async () => {
    const inScope = await makeSubscriber(t.db, { componentIds: [p.components.checkout!.id] });
    const outOfScope = await makeSubscriber(t.db, { componentIds: [p.components.search!.id] });
    await createActionItem(t.db, alice, {
      postmortemId: pm.id,
      title: "Canary deploys for the payment adapter",
      ownerId: bob.id,
      dueDate: "2026-03-20",
      isPublic: true,
      type: "prevent",
      priority: "P2",
    });
    await createActionItem(t.db, alice, {
      postmortemId: pm.id,
      title: "Internal runbook fix",
      ownerId: alice.id,
      dueDate: "2026-03-10",
    });
    let current = await view();
    current = await savePostmortem(t.db, alice, {
      postmortemId: pm.id,
      expectedVersion: current.version,
      rootCause: "A pool of **8** connections.",
      lessonsLearned: "We got lucky: traffic was low.",
    });
    const hidden = current.timeline.find((e) => e.sourceKey === "incident:proposed")!;
    await setTimelineEntryFlags(t.db, alice, { entryId: hidden.id, hidden: true });

    current = await approvePostmortem(
      t.db,
      bob,
      { postmortemId: pm.id, expectedVersion: (await view()).version },
      { now: day(1.5) },
    );
    expect(current).toMatchObject({ state: "approved", reviewer: { id: bob.id } });
    current = await publishPostmortem(t.db, bob, { postmortemId: pm.id }, { now: day(2) });
    expect(current).toMatchObject({
      state: "published",
      publishCount: 1,
      publishedAt: day(2),
      firstPublishedAt: day(2),
      policyStatus: "published",
    });

    const snapshot = current.published!;
    expect(snapshot).toMatchObject({
      format: "bellwether.postmortem/2",
      revision: 1,
      publishedAt: day(2).toISOString(),
    });
    expect(snapshot.sections.map((s) => s.key)).toEqual(["summary", "impact", "detection", "rootCause", "mitigation"]);
    expect(snapshot.sections.find((s) => s.key === "rootCause")!.html).toBe(
      "<p>A pool of <strong>8</strong> connections.</p>",
    );
    expect(JSON.stringify(snapshot)).not.toContain("We got lucky");
    expect(snapshot.timeline.map((e) => e.text)).not.toContain(hidden.text);
    expect(snapshot.timeline).toHaveLength(current.timeline.length - 1);
    expect(snapshot.actionItems).toEqual([
      {
        title: "Canary deploys for the payment adapter",
        type: "prevent",
        priority: "P2",
        state: "open",
        dueDate: "2026-03-20T00:00:00.000Z",
        completedAt: null,
      },
    ]);
    expect(snapshot.impact!.componentRegions[0]!.minutes).toEqual({ major_outage: 40 });

    await fanOutPendingEvents(t.db);
    const events = await t.db.notificationEvent.findMany({
      where: { postmortemId: pm.id },
      include: { notifications: true },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "postmortem_published", dedupeKey: `postmortem_published:${pm.id}:1` });
    expect(events[0]!.notifications.map((n) => n.subscriberId)).toEqual([inScope.id]);
    expect(events[0]!.notifications.map((n) => n.subscriberId)).not.toContain(outOfScope.id);
    const revisions = await t.db.postmortemRevision.findMany({ where: { postmortemId: pm.id } });
    expect(revisions.map((r) => [r.revision, r.publishedById])).toEqual([[1, bob.id]]);
  });

  it("keeps the published snapshot while later edits go back to review, then republishes as updated", async () => {
    const published = (await stored()).published;
    let current = await view();
    current = await savePostmortem(
      t.db,
      alice,
      { postmortemId: pm.id, expectedVersion: current.version, summary: "A clearer summary." },
      { now: day(3) },
    );
    expect(current).toMatchObject({ state: "in_review", hasUnpublishedChanges: true, reviewer: null });
    expect((await stored()).published).toEqual(published);
    expect(readPublishedPostmortem((await stored()).published)!.sections[0]!.paragraphs).not.toContain(
      "A clearer summary.",
    );

    // Progress on an action item is not an edit: it does not need another review.
    const item = current.actionItems.find((i) => i.isPublic)!;
    await transitionActionItem(t.db, alice, { actionItemId: item.id, to: "in_progress" });
    expect((await stored()).state).toBe("in_review");

    await approvePostmortem(t.db, bob, { postmortemId: pm.id }, { now: day(3.5) });
    const before = await t.db.notification.count();
    current = await publishPostmortem(t.db, alice, { postmortemId: pm.id }, { now: day(4) });
    expect(current).toMatchObject({
      state: "published",
      publishCount: 2,
      publishedAt: day(4),
      firstPublishedAt: day(2),
      hasUnpublishedChanges: false,
    });
    expect(current.revisions.map((r) => r.revision)).toEqual([2, 1]);
    const reader = readPublishedPostmortem((await stored()).published)!;
    expect(reader).toMatchObject({ revision: 2, updatedAt: day(4), firstPublishedAt: day(2) });
    expect(reader.sections[0]!.paragraphs).toEqual(["A clearer summary."]);
    expect(reader.actionItems[0]!.state).toBe("in_progress");
    // Republishing mails nobody unless asked.
    await fanOutPendingEvents(t.db);
    expect(await t.db.notification.count()).toBe(before);
    expect(await t.db.notificationEvent.count({ where: { postmortemId: pm.id } })).toBe(1);
  });

  it("mails subscribers again on a republication only when asked, once", async () => {
    let current = await view();
    current = await savePostmortem(
      t.db,
      alice,
      { postmortemId: pm.id, expectedVersion: current.version, fault: "The adapter." },
      { now: day(5) },
    );
    await approvePostmortem(t.db, bob, { postmortemId: pm.id }, { now: day(5) });
    await publishPostmortem(t.db, bob, { postmortemId: pm.id, notifySubscribers: true }, { now: day(6) });
    await fanOutPendingEvents(t.db);
    const events = await t.db.notificationEvent.findMany({
      where: { postmortemId: pm.id },
      include: { _count: { select: { notifications: true } } },
      orderBy: { dedupeKey: "asc" },
    });
    expect(events.map((e) => [e.dedupeKey, e._count.notifications])).toEqual([
      [`postmortem_published:${pm.id}:1`, 1],
      [`postmortem_published:${pm.id}:3`, 1],
    ]);
    const audit = await t.db.auditEntry.findMany({
      where: { entityId: pm.id, action: { startsWith: "postmortem." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toContain("postmortem.publish");
  });
});

describe("policy in the console", () => {
  it("lists required postmortems due and overdue with owner and age, and P3/P4 may be marked not required", async () => {
    const cr = p.cr("search", 2);
    const resolved = await makeIncident(t.db, [{ componentRegionId: cr, status: "major_outage" }], {
      status: "resolved",
    });
    await t.db.incident.update({
      where: { id: resolved.id },
      data: { priority: "P2", resolvedAt: new Date("2026-03-02T12:00:00Z") },
    });
    const due = await listPostmortemsDue(t.db, new Date("2026-03-04T12:00:00Z"));
    expect(due.map((r) => [r.incidentId, r.status, r.postmortemId])).toEqual([[resolved.id, "missing", null]]);
    expect(due[0]).toMatchObject({ dueAt: new Date("2026-03-09T12:00:00Z"), ageMs: 2 * 86_400_000, owner: null });
    expect((await listPostmortemsDue(t.db, new Date("2026-03-10T12:00:00Z")))[0]!.status).toBe("overdue");

    expect(await appErrorOf(markNotRequired(t.db, alice, { incidentId: resolved.id, reason: "Tiny" }))).toMatchObject({
      code: "INVALID_TRANSITION",
    });
    const minor = await makeIncident(t.db, [{ componentRegionId: cr, status: "degraded_performance" }], {
      status: "resolved",
    });
    await t.db.incident.update({ where: { id: minor.id }, data: { priority: "P4" } });
    expect(await appErrorOf(markNotRequired(t.db, alice, { incidentId: minor.id, reason: " " }))).toMatchObject({
      code: "VALIDATION",
      fields: { reason: [expect.any(String)] },
    });
    const { postmortemId } = await markNotRequired(t.db, alice, {
      incidentId: minor.id,
      reason: "A 2-minute blip on a tier-2 path.",
    });
    expect((await getPostmortemForConsole(t.db, alice, { postmortemId }))!).toMatchObject({
      notRequired: true,
      policyStatus: "not_required",
      dueAt: null,
    });
    expect(await undoNotRequired(t.db, alice, { incidentId: minor.id })).toEqual({ postmortemId: null });
    expect(await t.db.postmortem.count({ where: { incidentId: minor.id } })).toBe(0);
  });
});
