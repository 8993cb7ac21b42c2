// The downtime a postmortem says an incident charged to each customer contract
// is what the contract's SLA statement counts for those minutes: both come
// from lib/domain/sla.ts through the statement's own month loader.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { createPostmortem } from "../../lib/postmortems/create-postmortem.ts";
import { computeStatement } from "../../lib/sla/compute-statement.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeActor } from "../support/incident-factories.ts";
import { makeRecordedIncident } from "../support/postmortem-factories.ts";
import { makeSlaFixture, type SlaFixture } from "../support/sla-factories.ts";

let t: TestDatabase;
let alice: Actor;
let f: SlaFixture;
const now = new Date("2026-04-02T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await makeActor(t.db, "ENGINEER");
  f = await makeSlaFixture(t.db, { startsOn: "2026-01-01", customerName: "Northwind Retail" });
});
afterAll(() => t.drop());

async function extraContract(name: string, coverage: "all_components" | "tier_1_only", regionIndex: number) {
  const product = await t.db.component.findUniqueOrThrow({
    where: { id: f.platform.components.checkout!.id },
    select: { productId: true },
  });
  return t.db.contract.create({
    data: {
      customerId: f.customerId,
      name,
      coverage,
      startsOn: new Date("2026-01-01T00:00:00Z"),
      slaTargetPercent: 99.9,
      creditTiers: [{ belowPercent: 99.9, creditPercent: 10 }],
      regions: { create: [{ regionId: f.platform.regions[regionIndex]!.id }] },
      products: { create: [{ productId: product.productId }] },
    },
  });
}

it("lists the contracts whose regions and products the incident touched, with the minutes their statements count", async () => {
  const tier1Only = await extraContract("Tier 1 only", "tier_1_only", 0);
  await extraContract("Elsewhere", "all_components", 1);
  const rec = await makeRecordedIncident(t.db, f.platform, alice, new Date("2026-03-02T10:00:00Z"), "checkout");
  const bob = await makeActor(t.db, "ENGINEER");
  const pm = await createPostmortem(t.db, bob, { incidentId: rec.incidentId }, { now });
  const report = pm.impactReport!;
  expect(report.contractsError).toBeUndefined();
  expect(report.contracts.map((c) => c.contractName).sort()).toEqual(["Enterprise 2026", "Tier 1 only"]);

  for (const contract of report.contracts) {
    expect(contract.componentRegionIds).toEqual([rec.componentRegionId]);
    expect(contract.months.map((m) => m.month)).toEqual(["2026-03"]);
    // Nothing else was down in March: the statement's whole month is this incident.
    const statement = await computeStatement(t.db, contract.contractId, "2026-03", now);
    expect(contract.downtimeMinutes).toBe(statement.figures.downtimeMinutes);
    expect(contract.downtimeMinutes).toBeGreaterThanOrEqual(40);
    expect(contract.downtimeMinutes).toBeLessThanOrEqual(41);
  }
  expect(report.contracts.find((c) => c.contractId === tier1Only.id)!.coverage).toBe("tier_1_only");
});

it("leaves a tier-1-only contract out of a tier-2 incident, and splits the minutes at a month boundary", async () => {
  const studio = f.studio;
  await t.db.statusChange.createMany({
    data: [
      { componentRegionId: studio, at: new Date("2026-01-01T00:00:00Z"), source: "probes", toStatus: "operational" },
      { componentRegionId: studio, at: new Date("2026-03-31T23:50:00Z"), source: "probes", toStatus: "major_outage" },
      { componentRegionId: studio, at: new Date("2026-04-01T00:20:00Z"), source: "probes", toStatus: "operational" },
    ],
  });
  const incident = await t.db.incident.create({
    data: {
      title: "Studio down",
      priority: "P3",
      impact: "major",
      startedAt: new Date("2026-03-31T23:50:00Z"),
      resolvedAt: new Date("2026-04-01T00:20:00Z"),
      status: "resolved",
      componentRegions: { create: [{ componentRegionId: studio, status: "major_outage" }] },
    },
  });
  const pm = await createPostmortem(t.db, alice, { incidentId: incident.id }, { now });
  const [contract, ...others] = pm.impactReport!.contracts;
  expect(others).toEqual([]);
  expect(contract).toMatchObject({ contractName: "Enterprise 2026", downtimeMinutes: 30 });
  expect(contract!.months).toEqual([
    { month: "2026-03", downtimeMinutes: 10, unknownMinutes: expect.any(Number) },
    { month: "2026-04", downtimeMinutes: 20, unknownMinutes: expect.any(Number) },
  ]);
});
