// A month's response metrics from incidents declared, detected, approved and
// resolved through the library, with their real timestamps.
import { afterAll, beforeAll, expect, it } from "vitest";
import { approveProposal } from "../../lib/incidents/approve-proposal.ts";
import { declareIncident } from "../../lib/incidents/declare-incident.ts";
import { dismissProposal } from "../../lib/incidents/dismiss-proposal.ts";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update.ts";
import { responseMetrics } from "../../lib/incidents/response-metrics.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor, makePlatform, makeProposal } from "../support/incident-factories.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const MIN = 60_000;
const d = (iso: string) => new Date(iso);

it("gives each incident's time to detect, acknowledge and resolve, and the month's median and mean by tier and priority", async () => {
  const engineer = await makeActor(t.db);
  const p = await makePlatform(t.db, [
    { key: "checkout", tier: "TIER_1" },
    { key: "studio", tier: "TIER_2" },
  ]);
  const one = (key: string, status: "major_outage" | "partial_outage" = "major_outage") => [
    { componentRegionId: p.cr(key, 0), status },
  ];

  // Manual, tier 1: noticed 10 minutes in, resolved an hour after it began.
  const manual = await declareIncident(
    t.db,
    engineer,
    {
      title: "A",
      impact: "major",
      message: "x",
      startedAt: d("2026-10-05T10:00:00Z"),
      componentRegions: one("checkout"),
    },
    { now: d("2026-10-05T10:10:00Z") },
  );
  await postIncidentUpdate(
    t.db,
    engineer,
    { incidentId: manual.id, expectedVersion: 0, status: "resolved", message: "ok" },
    { now: d("2026-10-05T11:00:00Z") },
  );

  // Detected, tier 1: confirmed 2 minutes in, approved 5 minutes later, resolved after an hour.
  const proposal = await makeProposal(t.db, one("checkout"), d("2026-10-12T08:02:00Z"));
  await t.db.incident.update({ where: { id: proposal.id }, data: { startedAt: d("2026-10-12T08:00:00Z") } });
  await approveProposal(
    t.db,
    engineer,
    { incidentId: proposal.id, expectedVersion: 0 },
    { now: d("2026-10-12T08:07:00Z") },
  );
  await postIncidentUpdate(
    t.db,
    engineer,
    { incidentId: proposal.id, expectedVersion: 1, status: "resolved", message: "ok" },
    { now: d("2026-10-12T09:00:00Z") },
  );

  // Manual, tier 2, still open.
  await declareIncident(
    t.db,
    engineer,
    {
      title: "C",
      impact: "minor",
      message: "x",
      startedAt: d("2026-10-20T12:00:00Z"),
      componentRegions: one("studio", "partial_outage"),
    },
    { now: d("2026-10-20T12:30:00Z") },
  );

  // Not counted: a dismissed proposal, and an incident of the next month.
  const noise = await makeProposal(t.db, one("checkout"), d("2026-10-21T00:00:00Z"));
  await dismissProposal(t.db, engineer, { incidentId: noise.id, expectedVersion: 0, reason: "noise" });
  await declareIncident(
    t.db,
    engineer,
    { title: "Nov", impact: "critical", message: "x", componentRegions: one("checkout") },
    { now: d("2026-11-01T00:00:00Z") },
  );

  const metrics = await responseMetrics(t.db, { month: "2026-10" });
  expect(metrics.from).toEqual(d("2026-10-01T00:00:00Z"));
  expect(metrics.to).toEqual(d("2026-11-01T00:00:00Z"));
  expect(
    metrics.incidents.map((i) => [
      i.title,
      i.tier,
      i.priority,
      i.timeToDetectMs,
      i.timeToAcknowledgeMs,
      i.timeToResolveMs,
    ]),
  ).toEqual([
    ["A", "TIER_1", "P2", 10 * MIN, 0, 60 * MIN],
    [proposal.title, "TIER_1", "P2", 2 * MIN, 5 * MIN, 60 * MIN],
    ["C", "TIER_2", "P4", 30 * MIN, 0, null],
  ]);
  expect(metrics.overall).toEqual({
    incidents: 3,
    detect: { count: 3, medianMs: 10 * MIN, meanMs: 14 * MIN },
    acknowledge: { count: 3, medianMs: 0, meanMs: (5 * MIN) / 3 },
    resolve: { count: 2, medianMs: 60 * MIN, meanMs: 60 * MIN },
  });
  expect(metrics.byTier.TIER_1).toMatchObject({
    incidents: 2,
    detect: { medianMs: 6 * MIN },
    acknowledge: { medianMs: 2.5 * MIN },
  });
  expect(metrics.byTier.TIER_2).toMatchObject({ incidents: 1, resolve: { count: 0, medianMs: null } });
  expect(metrics.byPriority.P2.incidents).toBe(2);
  expect(metrics.byPriority.P4.incidents).toBe(1);
  expect(metrics.byPriority.P1).toEqual({
    incidents: 0,
    detect: { count: 0, medianMs: null, meanMs: null },
    acknowledge: { count: 0, medianMs: null, meanMs: null },
    resolve: { count: 0, medianMs: null, meanMs: null },
  });
});

it("names the field when the month is not a month", async () => {
  expect(await appErrorOf(responseMetrics(t.db, { month: "2026-13" }))).toMatchObject({
    code: "VALIDATION",
    fields: { month: ["Choose a month as YYYY-MM."] },
  });
});
