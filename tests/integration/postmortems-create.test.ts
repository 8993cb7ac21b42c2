// A new postmortem writes itself from the record: measured impact minutes,
// detection, and a timeline of probes, the proposal, approval, updates and
// resolution; a refresh adds what is new and keeps what engineers wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { declareIncident } from "../../lib/incidents/declare-incident.ts";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update.ts";
import { createPostmortem } from "../../lib/postmortems/create-postmortem.ts";
import { editTimelineEntry } from "../../lib/postmortems/edit-timeline-entry.ts";
import { addTimelineEntry } from "../../lib/postmortems/add-timeline-entry.ts";
import { getPostmortemForConsole } from "../../lib/postmortems/get-postmortem.ts";
import { refreshFromRecord } from "../../lib/postmortems/refresh-from-record.ts";
import { removeTimelineEntry } from "../../lib/postmortems/remove-timeline-entry.ts";
import { setTimelineEntryFlags } from "../../lib/postmortems/set-timeline-entry-flags.ts";
import type { PostmortemView } from "../../lib/postmortems/types.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor, makePlatform, makeProposal, type TestPlatform } from "../support/incident-factories.ts";
import { makeRecordedIncident, type RecordedIncident } from "../support/postmortem-factories.ts";

let t: TestDatabase;
let alice: Actor;
let bob: Actor;
let p: TestPlatform;
let rec: RecordedIncident;
let pm: PostmortemView;
const t0 = new Date("2026-03-02T10:00:00Z");
const now = new Date("2026-03-02T12:00:00Z");
const at = (m: number, s = 0) => new Date(t0.getTime() + m * 60_000 + s * 1000).toISOString();

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await makeActor(t.db, "ENGINEER");
  bob = await makeActor(t.db, "ENGINEER");
  p = await makePlatform(t.db, [{ key: "checkout", tier: "TIER_1" }], 3);
  rec = await makeRecordedIncident(t.db, p, bob, t0);
  pm = await createPostmortem(t.db, alice, { incidentId: rec.incidentId }, { now });
});
afterAll(() => t.drop());

describe("createPostmortem", () => {
  it("measures the minutes in each confirmed status, failed checks per vantage and p95 before and during", () => {
    const report = pm.impactReport!;
    expect(report).toMatchObject({
      priority: "P1",
      tier: "TIER_1",
      durationMinutes: 43.5,
      window: { from: at(1, 30), to: at(45), ongoing: false },
    });
    const [cr] = report.componentRegions;
    expect(cr!.minutes).toEqual({
      operational: 3.5,
      degraded_performance: 0,
      partial_outage: 0,
      major_outage: 40,
      under_maintenance: 0,
      unknown: 0,
    });
    expect(cr!.checksFrom).toBe("raw");
    // Vantages 0 and 1 failed 40 of their 44 checks in the window; vantage 2 none.
    expect(cr!.vantages.map((v) => [v.vantage, v.checks, v.failed])).toEqual([
      [p.regions[0]!.key, 44, 40],
      [p.regions[1]!.key, 44, 40],
      [p.regions[2]!.key, 44, 0],
    ]);
    expect(cr!.latency.p95DuringMs).toBeGreaterThan(3000);
    expect(cr!.latency.p95WeekBeforeMs).toBeLessThan(150);
    expect(pm.sections.impact).toContain("| 40 min |");
  });

  it("writes Detection: which vantages failed first, time to detect, who acknowledged and when", async () => {
    const bobName = (await t.db.user.findUniqueOrThrow({ where: { id: bob.id } })).name!;
    expect(pm.sections.detection).toContain(`${p.regions[0]!.key} at 10:01 UTC`);
    expect(pm.sections.detection).toContain(`${p.regions[1]!.key} at 10:01 UTC`);
    expect(pm.sections.detection).not.toContain(p.regions[2]!.key);
    expect(pm.sections.detection).toContain("Time to detect: less than a minute");
    expect(pm.sections.detection).toContain(`Acknowledged by ${bobName} at 10:05 UTC; time to acknowledge: 3 min`);
    expect(pm.sections.summary).toContain("Checkout unavailable");
    expect(pm.sections.summary).toContain("Checkout works again.");
    expect(pm.sections.mitigation).toContain("Rolled back; watching.");
  });

  it("builds the timeline from probes, the proposal, the approval, each update and the resolution, at their times", () => {
    const rows = pm.timeline.map((e) => [
      e.at.toISOString(),
      e.source,
      e.sourceKey?.replace(/:[^:]+$/, (m) => (/^:c[a-z0-9]{20,}$/.test(m) ? ":<id>" : m)),
    ]);
    expect(rows).toEqual([
      [at(1, 30), "probe", "check:first:<id>"],
      [at(1, 30), "probe", "status:<id>"],
      [at(2), "system", "incident:proposed"],
      [at(5), "engineer", "incident:approved"],
      [at(5), "engineer", "update:<id>"],
      [at(15), "engineer", "update:<id>"],
      [at(30), "engineer", "incident:mitigated"],
      [at(30), "engineer", "update:<id>"],
      [at(41, 30), "probe", "status:<id>"],
      [at(45), "engineer", "incident:resolved"],
      [at(45), "engineer", "update:<id>"],
    ]);
    expect(pm.timeline.find((e) => e.sourceKey === `status:${rec.statusChangeIds[0]}`)!.text).toContain(
      "operational → major outage",
    );
  });

  it("sets the owner and the due date from the policy", () => {
    expect(pm.owner?.id).toBe(alice.id);
    expect(pm.author?.id).toBe(alice.id);
    // Resolved Monday 10:45; P1 is due 3 business days later.
    expect(pm.dueAt).toEqual(new Date("2026-03-05T10:45:00Z"));
    expect(pm.policyStatus).toBe("due");
    expect(pm.state).toBe("draft");
  });

  it("refuses a second postmortem, an unknown incident, a proposal and a viewer", async () => {
    expect(await appErrorOf(createPostmortem(t.db, bob, { incidentId: rec.incidentId }, { now }))).toMatchObject({
      code: "CONFLICT",
      details: { postmortemId: pm.id },
    });
    expect(await appErrorOf(createPostmortem(t.db, bob, { incidentId: "no-such-incident" }, { now }))).toMatchObject({
      code: "NOT_FOUND",
      message: "There is no such incident.",
    });
    const proposal = await makeProposal(t.db, [{ componentRegionId: p.cr("checkout", 1), status: "major_outage" }]);
    expect(await appErrorOf(createPostmortem(t.db, bob, { incidentId: proposal.id }, { now }))).toMatchObject({
      code: "INVALID_TRANSITION",
    });
    const viewer = await makeActor(t.db, "VIEWER");
    expect(await appErrorOf(createPostmortem(t.db, viewer, { incidentId: rec.incidentId }, { now }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await t.db.postmortem.count()).toBe(1);
  });
});

describe("refreshFromRecord", () => {
  it("adds new record entries once and keeps what engineers wrote, starred and hid", async () => {
    const approval = pm.timeline.find((e) => e.sourceKey === "incident:approved")!;
    const firstCheck = pm.timeline.find((e) => e.sourceKey?.startsWith("check:first:"))!;
    await editTimelineEntry(
      t.db,
      alice,
      { entryId: approval.id, text: "Bob approved after checking the payment dashboards." },
      { now },
    );
    await setTimelineEntryFlags(t.db, alice, { entryId: firstCheck.id, starred: true, hidden: true }, { now });
    const own = await addTimelineEntry(
      t.db,
      alice,
      { postmortemId: pm.id, at: at(20), text: "14:02 deploy 4711 rolled back" },
      { now },
    );

    // The record moves on: a flap confirmed in the window.
    const flap = await t.db.statusChange.create({
      data: {
        componentRegionId: rec.componentRegionId,
        at: new Date(at(43)),
        source: "probes",
        fromStatus: "operational",
        toStatus: "degraded_performance",
      },
    });
    expect(await refreshFromRecord(t.db, alice, { postmortemId: pm.id }, { now })).toEqual({ added: 1 });
    expect(await refreshFromRecord(t.db, null, { postmortemId: pm.id }, { now })).toEqual({ added: 0 });

    const after = (await getPostmortemForConsole(t.db, alice, { postmortemId: pm.id }, { now }))!;
    expect(after.timeline).toHaveLength(pm.timeline.length + 2);
    expect(after.timeline.find((e) => e.id === approval.id)!.text).toBe(
      "Bob approved after checking the payment dashboards.",
    );
    expect(after.timeline.find((e) => e.id === firstCheck.id)).toMatchObject({ starred: true, hidden: true });
    expect(after.timeline.find((e) => e.id === own.id)).toMatchObject({
      source: "engineer",
      sourceKey: null,
      author: { id: alice.id },
    });
    expect(after.timeline.find((e) => e.sourceKey === `status:${flap.id}`)).toMatchObject({
      source: "probe",
      at: new Date(at(43)),
    });
    expect(after.impactReport!.componentRegions[0]!.minutes.degraded_performance).toBe(2);
  });

  it("removes an engineer's own entry but not one from the record", async () => {
    const view = (await getPostmortemForConsole(t.db, alice, { postmortemId: pm.id }, { now }))!;
    const own = view.timeline.find((e) => e.sourceKey === null)!;
    const record = view.timeline.find((e) => e.sourceKey !== null)!;
    expect(await appErrorOf(removeTimelineEntry(t.db, alice, { entryId: record.id }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    await removeTimelineEntry(t.db, alice, { entryId: own.id });
    expect(await t.db.timelineEntry.count({ where: { id: { in: [own.id, record.id] } } })).toBe(1);
  });
});

describe("a postmortem started while the incident is open", () => {
  it("follows the record when it is read after the resolution: new entries, measured impact and the due date", async () => {
    const declaredAt = new Date("2026-03-06T09:00:00Z");
    const incident = await declareIncident(
      t.db,
      bob,
      {
        title: "Search slow",
        impact: "critical",
        message: "Searching.",
        componentRegions: [{ componentRegionId: p.cr("checkout", 2), status: "major_outage" }],
      },
      { now: declaredAt },
    );
    const early = await createPostmortem(
      t.db,
      alice,
      { incidentId: incident.id },
      { now: new Date("2026-03-06T09:30:00Z") },
    );
    expect(early).toMatchObject({ dueAt: null, policyStatus: "pending", impactReport: { window: { ongoing: true } } });
    expect(early.timeline.map((e) => e.sourceKey)).not.toContain("incident:resolved");

    // Resolved on a Friday: a P1 is due three business days later, on Wednesday.
    await postIncidentUpdate(
      t.db,
      bob,
      { incidentId: incident.id, expectedVersion: incident.version, status: "resolved", message: "Fixed." },
      { now: new Date("2026-03-06T10:00:00Z") },
    );
    const later = (await getPostmortemForConsole(
      t.db,
      alice,
      { incidentId: incident.id },
      { now: new Date("2026-03-06T11:00:00Z") },
    ))!;
    expect(later.dueAt).toEqual(new Date("2026-03-11T10:00:00Z"));
    expect(later.policyStatus).toBe("due");
    expect(later.impactReport!.window).toEqual({
      from: declaredAt.toISOString(),
      to: "2026-03-06T10:00:00.000Z",
      ongoing: false,
    });
    expect(later.timeline.map((e) => e.sourceKey)).toContain("incident:resolved");
    expect((await t.db.postmortem.findUniqueOrThrow({ where: { id: early.id } })).dueAt).toEqual(
      new Date("2026-03-11T10:00:00Z"),
    );
  });
});
