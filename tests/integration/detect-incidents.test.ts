// Detection through the real path: check results from several vantages are
// ingested, the worker's cycle confirms statuses and turns confirmed outages
// into proposals an engineer reviews.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { COVERED_BY_INCIDENT, RECOVERED_BEFORE_APPROVAL } from "../../lib/domain/detection.ts";
import type { Actor } from "../../lib/domain/roles.ts";
import { approveProposal } from "../../lib/incidents/approve-proposal.ts";
import { declareIncident } from "../../lib/incidents/declare-incident.ts";
import { detectIncidents } from "../../lib/incidents/detect-incidents.ts";
import { dismissProposal } from "../../lib/incidents/dismiss-proposal.ts";
import { getIncident } from "../../lib/incidents/get-incident.ts";
import { runMonitoringCycle } from "../../lib/monitoring/worker.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeMaintenance } from "../support/factories.ts";
import { makeActor, makePlatform } from "../support/incident-factories.ts";
import { INTERVAL_S, makeProbeRounds, type Outcome } from "../support/probe-rounds.ts";

let t: TestDatabase;
let engineer: Actor;
beforeAll(async () => {
  t = await createTestDatabase();
  engineer = await makeActor(t.db);
});
afterAll(() => t.drop());
// Each test drives its own probes; earlier tests' probes must not be evaluated later.
afterEach(async () => {
  await t.db.probe.updateMany({ data: { enabled: false } });
});

const UP: Outcome[] = ["up", "up", "up"];
const DOWN: Outcome[] = ["down", "down", "down"];

async function proposalsFor(componentRegionIds: string[]) {
  return t.db.incident.findMany({
    where: { source: "detected", componentRegions: { some: { componentRegionId: { in: componentRegionIds } } } },
    include: { componentRegions: true },
    orderBy: { createdAt: "asc" },
  });
}

describe("detecting outages", () => {
  it("turns a confirmed outage in two regions of one component into one proposal, which a third failing region joins", async () => {
    const p = await makePlatform(t.db, [{ key: "checkout", tier: "TIER_1" }]);
    const [a, b, c] = [0, 1, 2].map((i) => p.cr("checkout", i)) as [string, string, string];
    const rounds = await makeProbeRounds(
      t.db,
      new Date("2026-11-22T10:00:00Z"),
      [a, b, c],
      p.regions.map((r) => r.id),
    );
    const cycle = (index: number) => runMonitoringCycle(t.db, rounds.closedAfter(index), { detectTier2: false });

    await rounds.round(0, { [a]: UP, [b]: UP, [c]: UP });
    await cycle(0);
    for (const i of [1, 2]) await rounds.round(i, { [a]: DOWN, [b]: ["down", "down", "up"], [c]: UP });
    await cycle(2);
    expect(await proposalsFor([a, b, c])).toEqual([]); // two failed rounds are not yet an outage

    await rounds.round(3, { [a]: DOWN, [b]: ["down", "down", "up"], [c]: UP });
    await cycle(3);
    let [proposal, ...others] = await proposalsFor([a, b, c]);
    expect(others).toEqual([]);
    expect(proposal).toMatchObject({
      review: "proposed",
      status: "investigating",
      impact: "critical", // major outage in two regions
      priority: "P1",
      startedAt: rounds.roundStart(1),
      detectedAt: rounds.closedAfter(3),
      title: `${p.components.checkout!.name}: major outage in 2 regions`,
    });
    expect(proposal!.componentRegions.map((l) => [l.componentRegionId, l.status]).sort()).toEqual(
      [
        [a, "major_outage"],
        [b, "major_outage"],
      ].sort(),
    );
    const detail = (await getIncident(t.db, proposal!.id))!;
    expect(detail.evidence!.sampleErrors).toEqual(["expected status 200, got 503"]);
    const evidenceA = detail.evidence!.componentRegions.find((e) => e.componentRegionId === a)!;
    expect(evidenceA).toMatchObject({
      status: "major_outage",
      since: rounds.roundStart(1).toISOString(),
      verdicts: ["down", "down", "down"],
    });
    expect(evidenceA.failingVantages.map((v) => v.vantage).sort()).toEqual(p.regions.map((r) => r.key).sort());
    expect(await t.db.notificationEvent.count({ where: { incidentId: proposal!.id } })).toBe(0);

    // Running again changes nothing.
    await cycle(3);
    expect(await proposalsFor([a, b, c])).toHaveLength(1);

    for (const i of [4, 5, 6]) await rounds.round(i, { [a]: DOWN, [b]: DOWN, [c]: DOWN });
    await cycle(6);
    [proposal, ...others] = await proposalsFor([a, b, c]);
    expect(others).toEqual([]);
    expect(proposal!.componentRegions.map((l) => l.componentRegionId).sort()).toEqual([a, b, c].sort());
    expect(proposal!.version).toBe(1);
    expect(proposal!.title).toContain("3 regions");

    // Everything recovers before anyone looked: the proposal withdraws itself.
    for (const i of [7, 8, 9]) await rounds.round(i, { [a]: UP, [b]: UP, [c]: UP });
    await cycle(9);
    [proposal] = await proposalsFor([a, b, c]);
    expect(proposal).toMatchObject({
      review: "dismissed",
      dismissReason: RECOVERED_BEFORE_APPROVAL,
      publishedAt: null,
    });
  });

  it("never proposes a major outage for one vantage that flaps or fails alone", async () => {
    const p = await makePlatform(t.db, [{ key: "search", tier: "TIER_1" }]);
    const cr = p.cr("search", 0);
    const rounds = await makeProbeRounds(
      t.db,
      new Date("2026-11-23T10:00:00Z"),
      [cr],
      p.regions.map((r) => r.id),
    );
    const cycle = (index: number) => runMonitoringCycle(t.db, rounds.closedAfter(index), { detectTier2: false });

    for (let i = 0; i < 10; i++) await rounds.round(i, { [cr]: [i % 2 === 0 ? "down" : "up", "up", "up"] });
    await cycle(9);
    expect(await proposalsFor([cr])).toEqual([]);

    // One vantage failing for good is at most a partial outage: a minor proposal.
    for (let i = 10; i < 14; i++) await rounds.round(i, { [cr]: ["down", "up", "up"] });
    await cycle(13);
    const [proposal] = await proposalsFor([cr]);
    expect(proposal).toMatchObject({ impact: "minor", priority: "P3" });
    expect(proposal!.componentRegions.map((l) => l.status)).toEqual(["partial_outage"]);
  });

  it("proposes resolving an approved detected incident once probes confirm every region recovered, and leaves resolving to a person", async () => {
    const p = await makePlatform(t.db, [{ key: "auth", tier: "TIER_1" }]);
    const cr = p.cr("auth", 1);
    const rounds = await makeProbeRounds(
      t.db,
      new Date("2026-11-24T10:00:00Z"),
      [cr],
      p.regions.map((r) => r.id),
    );
    const cycle = (index: number) => runMonitoringCycle(t.db, rounds.closedAfter(index), { detectTier2: false });
    for (const i of [0, 1, 2]) await rounds.round(i, { [cr]: DOWN });
    await cycle(2);
    const [proposal] = await proposalsFor([cr]);
    const approved = await approveProposal(t.db, engineer, {
      incidentId: proposal!.id,
      expectedVersion: proposal!.version,
    });
    expect(approved.resolveProposed).toBe(false);

    for (const i of [3, 4, 5]) await rounds.round(i, { [cr]: UP });
    await cycle(5);
    const after = (await getIncident(t.db, proposal!.id))!;
    expect(after).toMatchObject({
      resolveProposed: true,
      status: "investigating",
      review: "approved",
      version: approved.version,
    });
    expect(await proposalsFor([cr])).toHaveLength(1);
  });
});

describe("what detection leaves alone", () => {
  async function outage(componentRegionId: string, status: "major_outage" | "partial_outage", since: Date) {
    await t.db.componentRegion.update({
      where: { id: componentRegionId },
      data: { probeStatus: status, probeStatusSince: since },
    });
  }
  // Real time: dismissals and resolutions are stamped by the database's clock.
  const NOW = new Date();

  it("proposes nothing for ComponentRegions under maintenance", async () => {
    const p = await makePlatform(t.db, [{ key: "delivery", tier: "TIER_1" }], 1);
    await makeMaintenance(t.db, [p.cr("delivery", 0)], "in_progress");
    await outage(p.cr("delivery", 0), "major_outage", new Date(NOW.getTime() - 60_000));
    await detectIncidents(t.db, NOW, { tier2: false });
    expect(await proposalsFor([p.cr("delivery", 0)])).toEqual([]);
  });

  it("proposes nothing while an open, approved incident already covers the ComponentRegion", async () => {
    const p = await makePlatform(t.db, [{ key: "hub", tier: "TIER_1" }], 1);
    await declareIncident(t.db, engineer, {
      title: "Known",
      impact: "major",
      message: "On it.",
      componentRegions: [{ componentRegionId: p.cr("hub", 0), status: "major_outage" }],
    });
    await outage(p.cr("hub", 0), "major_outage", new Date(NOW.getTime() - 60_000));
    await detectIncidents(t.db, NOW, { tier2: false });
    expect(await proposalsFor([p.cr("hub", 0)])).toEqual([]);
  });

  it("withdraws a proposal an engineer overtook by declaring an incident that covers it", async () => {
    const p = await makePlatform(t.db, [{ key: "subs", tier: "TIER_1" }], 1);
    await outage(p.cr("subs", 0), "partial_outage", new Date(NOW.getTime() - 60_000));
    await detectIncidents(t.db, NOW, { tier2: false });
    await declareIncident(t.db, engineer, {
      title: "Messages delayed",
      impact: "minor",
      message: "Queue backlog.",
      componentRegions: [{ componentRegionId: p.cr("subs", 0), status: "partial_outage" }],
    });
    expect((await detectIncidents(t.db, NOW, { tier2: false })).dismissed).toHaveLength(1);
    const [proposal] = await proposalsFor([p.cr("subs", 0)]);
    expect(proposal).toMatchObject({ review: "dismissed", dismissReason: COVERED_BY_INCIDENT });
  });

  it("proposes tier-2 outages only when configured to", async () => {
    const p = await makePlatform(t.db, [{ key: "studio", tier: "TIER_2" }], 1);
    await outage(p.cr("studio", 0), "major_outage", new Date(NOW.getTime() - 60_000));
    await detectIncidents(t.db, NOW, { tier2: false });
    expect(await proposalsFor([p.cr("studio", 0)])).toEqual([]);
    await detectIncidents(t.db, NOW, { tier2: true });
    const [proposal] = await proposalsFor([p.cr("studio", 0)]);
    expect(proposal).toMatchObject({ impact: "major", priority: "P3" });
  });

  it("does not propose the same outage again after an engineer dismissed it, but does when it comes back later", async () => {
    const p = await makePlatform(t.db, [{ key: "orders", tier: "TIER_1" }], 1);
    const cr = p.cr("orders", 0);
    await outage(cr, "major_outage", new Date(NOW.getTime() - 60_000));
    await detectIncidents(t.db, NOW, { tier2: false });
    const [proposal] = await proposalsFor([cr]);
    await dismissProposal(t.db, engineer, {
      incidentId: proposal!.id,
      expectedVersion: 0,
      reason: "Synthetic account locked.",
    });
    await detectIncidents(t.db, new Date(NOW.getTime() + INTERVAL_S * 1000), { tier2: false });
    expect(await proposalsFor([cr])).toHaveLength(1);

    await outage(cr, "major_outage", new Date(Date.now() + 60_000)); // recovered, then failed again
    await detectIncidents(t.db, new Date(Date.now() + 120_000), { tier2: false });
    expect((await proposalsFor([cr])).map((i) => i.review)).toEqual(["dismissed", "proposed"]);
  });
});
