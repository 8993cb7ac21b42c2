// A detected incident is a proposal: invisible to readers and subscribers
// until an engineer approves it, or gone with a reason when they dismiss it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { approveProposal } from "../../lib/incidents/approve-proposal.ts";
import { dismissProposal } from "../../lib/incidents/dismiss-proposal.ts";
import { getIncident } from "../../lib/incidents/get-incident.ts";
import { listConsoleIncidents } from "../../lib/incidents/list-console-incidents.ts";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update.ts";
import { getStatusOverview } from "../../lib/public/overview.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  appErrorOf,
  makeActor,
  makePlatform,
  makeProposal,
  makeSubscriber,
  type TestPlatform,
} from "../support/incident-factories.ts";
import { fanOutPendingEvents } from "../../lib/notifications/fan-out.ts";

let t: TestDatabase;
let engineer: Actor;
let p: TestPlatform;
beforeAll(async () => {
  t = await createTestDatabase();
  engineer = await makeActor(t.db, "ENGINEER");
  p = await makePlatform(t.db, [{ key: "carts", tier: "TIER_1" }]);
});
afterAll(() => t.drop());

async function cellStatus(componentRegionId: string) {
  const overview = await getStatusOverview(t.db, new Date());
  return overview.products
    .flatMap((prod) => prod.components.flatMap((c) => c.cells))
    .find((c) => c?.componentRegionId === componentRegionId)?.status;
}

describe("approving a proposal", () => {
  it("makes it public, stamps when it was acknowledged and published, and tells subscribers", async () => {
    const subscriber = await makeSubscriber(t.db, { componentIds: [p.components.carts!.id] });
    const proposal = await makeProposal(t.db, [
      { componentRegionId: p.cr("carts", 0), status: "major_outage" },
      { componentRegionId: p.cr("carts", 1), status: "major_outage" },
    ]);
    expect(await cellStatus(p.cr("carts", 0))).toBe("operational");
    expect((await listConsoleIncidents(t.db, { state: "proposed" })).map((i) => i.id)).toContain(proposal.id);
    expect(await t.db.notificationEvent.count({ where: { incidentId: proposal.id } })).toBe(0);

    const approved = await approveProposal(t.db, engineer, {
      incidentId: proposal.id,
      expectedVersion: 0,
      title: "Carts API failing in two regions",
      impact: "critical",
    });
    expect(approved).toMatchObject({
      review: "approved",
      source: "detected",
      title: "Carts API failing in two regions",
      impact: "critical",
      priority: "P1",
      version: 1,
    });
    expect(approved.publishedAt).toBeInstanceOf(Date);
    expect(approved.acknowledgedAt).toEqual(approved.publishedAt);
    expect(approved.updates).toEqual([
      expect.objectContaining({
        status: "investigating",
        message: expect.stringContaining("Our monitoring detected a problem"),
        author: expect.objectContaining({ email: engineer.email }),
      }),
    ]);
    expect(await cellStatus(p.cr("carts", 0))).toBe("major_outage");

    const event = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `incident_published:${proposal.id}` },
    });
    expect(event.payload).toMatchObject({
      title: "Carts API failing in two regions",
      path: `/incidents/${proposal.id}`,
      impact: "critical",
    });
    await fanOutPendingEvents(t.db);
    expect(await t.db.notification.count({ where: { eventId: event.id, subscriberId: subscriber.id } })).toBe(1);
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entityId: proposal.id } });
    expect(audit).toMatchObject({
      action: "incident.approve",
      actorEmail: engineer.email,
      before: expect.objectContaining({ review: "proposed" }),
      after: expect.objectContaining({ review: "approved" }),
    });
  });

  it("refuses to approve twice, or to post updates on a proposal", async () => {
    const proposal = await makeProposal(t.db, [{ componentRegionId: p.cr("carts", 2), status: "partial_outage" }]);
    expect(
      await appErrorOf(
        postIncidentUpdate(t.db, engineer, {
          incidentId: proposal.id,
          expectedVersion: 0,
          status: "identified",
          message: "x",
        }),
      ),
    ).toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringContaining("approve it before posting updates"),
    });
    const approved = await approveProposal(t.db, engineer, {
      incidentId: proposal.id,
      expectedVersion: 0,
      message: "We see errors placing orders.",
    });
    expect(approved.updates[0]!.message).toBe("We see errors placing orders.");
    expect(
      await appErrorOf(approveProposal(t.db, engineer, { incidentId: proposal.id, expectedVersion: approved.version })),
    ).toMatchObject({
      code: "INVALID_TRANSITION",
      message: "This incident is already approved and public.",
    });
    expect(
      await appErrorOf(approveProposal(t.db, engineer, { incidentId: "missing", expectedVersion: 0 })),
    ).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses account managers and viewers", async () => {
    const proposal = await makeProposal(t.db, [{ componentRegionId: p.cr("carts", 2), status: "partial_outage" }]);
    for (const role of ["ACCOUNT_MANAGER", "VIEWER"] as const) {
      const someone = await makeActor(t.db, role);
      expect(
        await appErrorOf(approveProposal(t.db, someone, { incidentId: proposal.id, expectedVersion: 0 })),
      ).toMatchObject({ code: "FORBIDDEN" });
      expect(
        await appErrorOf(dismissProposal(t.db, someone, { incidentId: proposal.id, expectedVersion: 0, reason: "x" })),
      ).toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await getIncident(t.db, proposal.id))!.review).toBe("proposed");
  });
});

describe("dismissing a proposal", () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await makePlatform(t.db, [{ key: "carts", tier: "TIER_1" }]);
  });

  it("keeps it off the public site and out of the outbox for good, with the reason recorded", async () => {
    const subscriber = await makeSubscriber(t.db);
    const proposal = await makeProposal(t.db, [{ componentRegionId: p.cr("carts", 1), status: "major_outage" }]);
    const missingReason = await appErrorOf(
      dismissProposal(t.db, engineer, { incidentId: proposal.id, expectedVersion: 0, reason: "  " }),
    );
    expect(missingReason).toMatchObject({ code: "VALIDATION", fields: { reason: ["Say why it is not an incident."] } });

    const dismissed = await dismissProposal(t.db, engineer, {
      incidentId: proposal.id,
      expectedVersion: 0,
      reason: "Probe target was being migrated.",
    });
    expect(dismissed).toMatchObject({
      review: "dismissed",
      dismissReason: "Probe target was being migrated.",
      publishedAt: null,
      version: 1,
    });
    expect(await cellStatus(p.cr("carts", 1))).toBe("operational");
    await fanOutPendingEvents(t.db);
    expect(
      await t.db.notification.count({ where: { subscriberId: subscriber.id, event: { incidentId: proposal.id } } }),
    ).toBe(0);
    expect((await listConsoleIncidents(t.db, { state: "dismissed" })).map((i) => i.id)).toContain(proposal.id);
    expect((await listConsoleIncidents(t.db, { state: "proposed" })).map((i) => i.id)).not.toContain(proposal.id);

    expect(
      await appErrorOf(approveProposal(t.db, engineer, { incidentId: proposal.id, expectedVersion: 1 })),
    ).toMatchObject({
      code: "INVALID_TRANSITION",
      message: "This proposal was dismissed; it cannot be approved.",
    });
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entityId: proposal.id } });
    expect(audit).toMatchObject({
      action: "incident.dismiss",
      after: expect.objectContaining({ review: "dismissed", dismissReason: "Probe target was being migrated." }),
    });
  });

  it("lets only one of an approval and a dismissal made at once take effect", async () => {
    const proposal = await makeProposal(t.db, [{ componentRegionId: p.cr("carts", 0), status: "partial_outage" }]);
    const results = await Promise.allSettled([
      approveProposal(t.db, engineer, { incidentId: proposal.id, expectedVersion: 0 }),
      dismissProposal(t.db, engineer, { incidentId: proposal.id, expectedVersion: 0, reason: "noise" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["CONFLICT", "INVALID_TRANSITION"]).toContain(loser.reason.code);
    expect((await getIncident(t.db, proposal.id))!.version).toBe(1);
  });
});
