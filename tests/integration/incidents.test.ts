// Declaring, updating and resolving incidents against a real PostgreSQL: the
// rows an engineer, a reader and a subscriber would see, the audit trail, and
// the outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { declareIncident } from "../../lib/incidents/declare-incident.ts";
import { getIncident } from "../../lib/incidents/get-incident.ts";
import { listConsoleIncidents } from "../../lib/incidents/list-console-incidents.ts";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update.ts";
import { getStatusOverview } from "../../lib/public/overview.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  appErrorOf,
  makeActor,
  makePlatform,
  makeSubscriber,
  type TestPlatform,
} from "../support/incident-factories.ts";
import { fanOutPendingEvents } from "../../lib/notifications/fan-out.ts";

let t: TestDatabase;
let engineer: Actor;
beforeAll(async () => {
  t = await createTestDatabase();
  engineer = await makeActor(t.db, "ENGINEER");
});
afterAll(() => t.drop());

async function cellStatus(componentRegionId: string) {
  const overview = await getStatusOverview(t.db, new Date());
  for (const component of overview.products.flatMap((p) => p.components)) {
    const cell = component.cells.find((c) => c?.componentRegionId === componentRegionId);
    if (cell) return cell.status;
  }
  throw new Error("not on the page");
}

const notifiedSubscribers = async (eventId: string) => {
  await fanOutPendingEvents(t.db);
  return (await t.db.notification.findMany({ where: { eventId }, select: { subscriberId: true } }))
    .map((n) => n.subscriberId)
    .sort();
};

describe("declaring an incident", () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await makePlatform(t.db, [
      { key: "checkout", tier: "TIER_1" },
      { key: "studio", tier: "TIER_2" },
    ]);
  });

  it("publishes it at once with a derived priority, its first update, an audit entry and the outbox rows of subscribers in scope", async () => {
    const inRegion = await makeSubscriber(t.db, { regionIds: [p.regions[1]!.id] });
    const onStudioOnly = await makeSubscriber(t.db, { componentIds: [p.components.studio!.id] });
    const unconfirmed = await makeSubscriber(t.db, { regionIds: [p.regions[0]!.id], confirmed: false });

    const incident = await declareIncident(t.db, engineer, {
      title: "Checkout failing in two regions",
      impact: "major",
      message: "Payments time out; we are investigating.",
      componentRegions: [
        { componentRegionId: p.cr("checkout", 0), status: "major_outage" },
        { componentRegionId: p.cr("checkout", 1), status: "partial_outage" },
      ],
    });

    // Tier 1, major, two regions → P1 (README's table).
    expect(incident).toMatchObject({
      status: "investigating",
      impact: "major",
      priority: "P1",
      tier: "TIER_1",
      source: "manual",
      review: "approved",
      version: 0,
    });
    expect(incident.publishedAt).toBeInstanceOf(Date);
    expect(incident.acknowledgedAt).toEqual(incident.detectedAt);
    expect(incident.updates).toEqual([
      expect.objectContaining({
        status: "investigating",
        message: "Payments time out; we are investigating.",
        author: { email: engineer.email, name: expect.any(String) },
      }),
    ]);
    expect(incident.componentRegions.map((cr) => [cr.regionKey, cr.status])).toEqual([
      [p.regions[0]!.key, "major_outage"],
      [p.regions[1]!.key, "partial_outage"],
    ]);
    expect(await cellStatus(p.cr("checkout", 0))).toBe("major_outage");

    const audit = await t.db.auditEntry.findMany({ where: { entityType: "Incident", entityId: incident.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "incident.declare",
        actorId: engineer.id,
        actorEmail: engineer.email,
        before: null,
      }),
    ]);
    expect(audit[0]!.after).toMatchObject({
      title: "Checkout failing in two regions",
      priority: "P1",
      message: "Payments time out; we are investigating.",
    });

    const event = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `incident_published:${incident.id}` },
    });
    expect(event).toMatchObject({ kind: "incident_published", incidentId: incident.id });
    expect(event.payload).toMatchObject({
      title: "Checkout failing in two regions",
      path: `/incidents/${incident.id}`,
      status: "investigating",
      impact: "major",
      message: "Payments time out; we are investigating.",
      affected: [
        { component: p.components.checkout!.name, region: p.regions[0]!.name, status: "major_outage" },
        { component: p.components.checkout!.name, region: p.regions[1]!.name, status: "partial_outage" },
      ],
    });
    const notified = await notifiedSubscribers(event.id);
    expect(notified).toContain(inRegion.id);
    expect(notified).not.toContain(onStudioOnly.id);
    expect(notified).not.toContain(unconfirmed.id);
  });

  it("writes nothing to the outbox when the engineer chooses not to notify", async () => {
    const incident = await declareIncident(t.db, engineer, {
      title: "Quiet one",
      impact: "minor",
      message: "Looking into slow saves.",
      notifySubscribers: false,
      componentRegions: [{ componentRegionId: p.cr("studio", 2), status: "degraded_performance" }],
    });
    expect(incident.priority).toBe("P4");
    expect(await t.db.notificationEvent.count({ where: { incidentId: incident.id } })).toBe(0);
    expect(incident.updates[0]!.notifySubscribers).toBe(false);
  });

  it("refuses people without the permission, and writes nothing", async () => {
    const viewer = await makeActor(t.db, "VIEWER");
    const before = await t.db.incident.count();
    const error = await appErrorOf(
      declareIncident(t.db, viewer, {
        title: "x",
        impact: "minor",
        message: "x",
        componentRegions: [{ componentRegionId: p.cr("checkout", 0), status: "major_outage" }],
      }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(await t.db.incident.count()).toBe(before);
  });

  it("names the field that is wrong", async () => {
    const missingTitle = await appErrorOf(
      declareIncident(t.db, engineer, {
        title: " ",
        impact: "minor",
        message: "x",
        componentRegions: [{ componentRegionId: p.cr("checkout", 0), status: "major_outage" }],
      }),
    );
    expect(missingTitle).toMatchObject({ code: "VALIDATION", fields: { title: ["Give the incident a title."] } });
    const unknown = await appErrorOf(
      declareIncident(t.db, engineer, {
        title: "x",
        impact: "minor",
        message: "x",
        componentRegions: [{ componentRegionId: "nope", status: "major_outage" }],
      }),
    );
    expect(unknown).toMatchObject({
      code: "VALIDATION",
      fields: { componentRegions: [expect.stringContaining("nope")] },
    });
    const future = await appErrorOf(
      declareIncident(t.db, engineer, {
        title: "x",
        impact: "minor",
        message: "x",
        startedAt: new Date(Date.now() + 3_600_000),
        componentRegions: [{ componentRegionId: p.cr("checkout", 0), status: "major_outage" }],
      }),
    );
    expect(future).toMatchObject({ code: "VALIDATION", fields: { startedAt: expect.any(Array) } });
  });
});

describe("updating an incident through its lifecycle", () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await makePlatform(t.db, [
      { key: "search", tier: "TIER_1" },
      { key: "audit", tier: "TIER_2" },
    ]);
  });

  it("moves investigating → identified → monitoring → resolved, stamping when it was mitigated and resolved, and hands the page back to probes", async () => {
    const subscriber = await makeSubscriber(t.db, { componentIds: [p.components.search!.id] });
    let incident = await declareIncident(t.db, engineer, {
      title: "Search errors",
      impact: "minor",
      message: "Some searches fail.",
      componentRegions: [{ componentRegionId: p.cr("search", 0), status: "partial_outage" }],
    });
    expect(incident.priority).toBe("P3");

    incident = await postIncidentUpdate(t.db, engineer, {
      incidentId: incident.id,
      expectedVersion: incident.version,
      status: "identified",
      message: "A bad index deploy.",
      impact: "major",
    });
    expect(incident).toMatchObject({
      status: "identified",
      impact: "major",
      priority: "P2",
      version: 1,
      mitigatedAt: null,
    });
    const updated = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `incident_updated:${incident.updates.at(-1)!.id}` },
    });
    expect(updated.payload).toMatchObject({
      status: "identified",
      message: "A bad index deploy.",
      impact: "major",
      path: `/incidents/${incident.id}`,
    });
    expect(await notifiedSubscribers(updated.id)).toContain(subscriber.id);

    incident = await postIncidentUpdate(t.db, engineer, {
      incidentId: incident.id,
      expectedVersion: incident.version,
      status: "monitoring",
      message: "Rolled back; watching.",
    });
    expect(incident.mitigatedAt).toBeInstanceOf(Date);
    expect(await cellStatus(p.cr("search", 0))).toBe("partial_outage");

    incident = await postIncidentUpdate(t.db, engineer, {
      incidentId: incident.id,
      expectedVersion: incident.version,
      status: "resolved",
      message: "Fixed.",
    });
    expect(incident).toMatchObject({ status: "resolved", version: 3 });
    expect(incident.resolvedAt).toBeInstanceOf(Date);
    expect(incident.componentRegions.map((cr) => cr.status)).toEqual(["operational"]);
    expect(await cellStatus(p.cr("search", 0))).toBe("operational");
    const resolved = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `incident_resolved:${incident.id}` },
    });
    expect(resolved.payload).toMatchObject({
      status: "resolved",
      affected: [expect.objectContaining({ status: "operational" })],
    });

    expect(incident.updates.map((u) => u.status)).toEqual(["investigating", "identified", "monitoring", "resolved"]);
    const actions = await t.db.auditEntry.findMany({ where: { entityId: incident.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual([
      "incident.declare",
      "incident.update",
      "incident.update",
      "incident.resolve",
    ]);
    expect(actions[1]!.before).toMatchObject({ status: "investigating", impact: "minor", priority: "P3" });
    expect(actions[1]!.after).toMatchObject({
      status: "identified",
      impact: "major",
      priority: "P2",
      message: "A bad index deploy.",
    });
  });

  it("refuses an invalid move with a reason, and changes nothing", async () => {
    let incident = await declareIncident(t.db, engineer, {
      title: "Backwards",
      impact: "minor",
      status: "identified",
      message: "Known cause.",
      componentRegions: [{ componentRegionId: p.cr("search", 1), status: "degraded_performance" }],
    });
    const back = await appErrorOf(
      postIncidentUpdate(t.db, engineer, {
        incidentId: incident.id,
        expectedVersion: 0,
        status: "investigating",
        message: "Hmm",
      }),
    );
    expect(back).toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringContaining("only an incident being monitored can be reopened"),
    });
    expect((await getIncident(t.db, incident.id))!.version).toBe(0);

    incident = await postIncidentUpdate(t.db, engineer, {
      incidentId: incident.id,
      expectedVersion: 0,
      status: "resolved",
      message: "Done.",
    });
    const after = await appErrorOf(
      postIncidentUpdate(t.db, engineer, {
        incidentId: incident.id,
        expectedVersion: incident.version,
        status: "monitoring",
        message: "Again?",
      }),
    );
    expect(after).toMatchObject({ code: "INVALID_TRANSITION", message: expect.stringContaining("already resolved") });
    expect((await getIncident(t.db, incident.id))!.updates).toHaveLength(2);
  });

  it("changes the affected regions and their statuses, recomputes the priority, and tells subscribers of a region taken off", async () => {
    const ofRegion2 = await makeSubscriber(t.db, { regionIds: [p.regions[2]!.id] });
    let incident = await declareIncident(t.db, engineer, {
      title: "Audit log lag",
      impact: "major",
      message: "Entries appear late.",
      componentRegions: [{ componentRegionId: p.cr("audit", 2), status: "partial_outage" }],
    });
    expect(incident.priority).toBe("P3");
    incident = await postIncidentUpdate(t.db, engineer, {
      incidentId: incident.id,
      expectedVersion: incident.version,
      status: "identified",
      message: "It is the queue, in two other regions; region 2 is fine.",
      componentRegions: [
        { componentRegionId: p.cr("audit", 0), status: "major_outage" },
        { componentRegionId: p.cr("audit", 1), status: "partial_outage" },
      ],
    });
    expect(incident.componentRegions.map((cr) => [cr.regionKey, cr.status])).toEqual([
      [p.regions[0]!.key, "major_outage"],
      [p.regions[1]!.key, "partial_outage"],
    ]);
    expect(incident.priority).toBe("P2");
    expect(await cellStatus(p.cr("audit", 2))).toBe("operational");
    expect(await cellStatus(p.cr("audit", 0))).toBe("major_outage");
    const event = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `incident_updated:${incident.updates.at(-1)!.id}` },
    });
    expect(await notifiedSubscribers(event.id)).toContain(ofRegion2.id);
  });

  it("lists the console's work tier-1 first, then by priority, then newest", async () => {
    const tier2Critical = await declareIncident(t.db, engineer, {
      title: "T2 critical",
      impact: "critical",
      message: "x",
      componentRegions: [{ componentRegionId: p.cr("audit", 0), status: "major_outage" }],
    });
    const tier1Minor = await declareIncident(t.db, engineer, {
      title: "T1 minor",
      impact: "minor",
      message: "x",
      componentRegions: [{ componentRegionId: p.cr("search", 2), status: "degraded_performance" }],
    });
    const open = await listConsoleIncidents(t.db, { state: "open" });
    const order = open.map((i) => i.id);
    expect(order.indexOf(tier1Minor.id)).toBeLessThan(order.indexOf(tier2Critical.id));
    for (const [i, item] of open.entries())
      if (i > 0 && item.tier === open[i - 1]!.tier) expect(item.priority >= open[i - 1]!.priority).toBe(true);
    expect(open.every((i) => i.review === "approved" && i.status !== "resolved")).toBe(true);
    const resolved = await listConsoleIncidents(t.db, { state: "resolved" });
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((i) => i.status === "resolved")).toBe(true);
  });
});
