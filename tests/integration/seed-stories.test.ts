// The demo's stories: incidents written from the history's outages through
// the real verbs, at the times they happened, and nothing written twice when
// the demo starts again on the same data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_INCIDENTS } from "../../lib/seed/demo-incidents.ts";
import { DEMO_POSTMORTEMS } from "../../lib/seed/demo-postmortems.ts";
import { DEMO_HISTORY_INCIDENTS, seedHistory } from "../../lib/seed/seed-history.ts";
import { seedPlatform } from "../../lib/seed/seed-platform.ts";
import { seedDemoStories } from "../../lib/seed/seed-stories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
let first: Awaited<ReturnType<typeof seedDemoStories>>;
// Twelve days of history, the first six in November (a month that has closed and
// is issued by now), with every demo outage moved inside the last six.
const now = new Date("2026-12-08T12:00:00Z");
// Checkout's comes first, so that its action item due 5 days after resolution is overdue now.
const incidents = DEMO_HISTORY_INCIDENTS.map((spec, i) => ({ ...spec, startDaysAgo: 5.8 - i * 1.2 }));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedPlatform(t.db);
  await seedHistory(t.db, { now, days: 12, cadenceMinutes: 60, incidents, maintenances: [] });
  first = await seedDemoStories(t.db, now);
}, 180_000);
afterAll(() => t.drop());

describe("the demo's incidents", () => {
  it("writes one approved, resolved incident per outage in the history", async () => {
    expect(first.incidents.sort()).toEqual(DEMO_INCIDENTS.map((s) => s.id).sort());
    const rows = await t.db.incident.findMany({ include: { updates: { orderBy: { createdAt: "asc" } } } });
    for (const row of rows) {
      expect(row.review).toBe("approved");
      expect(row.status).toBe("resolved");
      expect(row.source).toBe("detected");
      expect(row.updates.length).toBe(DEMO_INCIDENTS.find((s) => s.id === row.id)!.updates.length);
      expect(row.detectedAt!.getTime()).toBeGreaterThan(row.startedAt.getTime());
      expect(row.acknowledgedAt!.getTime()).toBeGreaterThan(row.detectedAt!.getTime());
      expect(row.resolvedAt!.getTime()).toBeGreaterThan(row.acknowledgedAt!.getTime());
    }
  });

  it("starts each incident when the history's outage began and prioritises it by what it hit", async () => {
    const checkout = await t.db.incident.findUniqueOrThrow({
      where: { id: "demo-checkout-database-failure" },
      include: { componentRegions: true },
    });
    const change = await t.db.statusChange.findFirstOrThrow({
      where: { evidence: { path: ["incident"], equals: "checkout-database-failure" } },
      orderBy: { at: "asc" },
    });
    expect(checkout.startedAt).toEqual(change.at);
    expect(checkout.priority).toBe("P2");
    expect(checkout.componentRegions).toHaveLength(1);
    const merchantCenter = await t.db.incident.findUniqueOrThrow({
      where: { id: "demo-merchant-center-cdn" },
      include: { componentRegions: true },
    });
    expect(merchantCenter.impact).toBe("critical");
    expect(merchantCenter.componentRegions.length).toBeGreaterThan(1);
  });
});

describe("the demo's postmortems", () => {
  it("puts one postmortem in each state: published, in review, draft, and not required for the P3", async () => {
    expect(first.postmortems.sort()).toEqual(DEMO_POSTMORTEMS.map((p) => p.incidentId).sort());
    const states = Object.fromEntries(
      (await t.db.postmortem.findMany({ select: { incidentId: true, state: true, notRequired: true } })).map((p) => [
        p.incidentId,
        p.notRequired ? "not_required" : p.state,
      ]),
    );
    expect(states).toEqual(Object.fromEntries(DEMO_POSTMORTEMS.map((p) => [p.incidentId, p.target])));
    const search = await t.db.incident.findUniqueOrThrow({ where: { id: "demo-search-network-path" } });
    expect(search.priority).toBe("P3");
  });

  it("publishes the checkout postmortem with its public action items, one of them overdue, reviewed by someone other than its author", async () => {
    const published = await t.db.postmortem.findUniqueOrThrow({
      where: { incidentId: "demo-checkout-database-failure" },
      include: { actionItems: true },
    });
    expect(published.publishedAt).not.toBeNull();
    expect(published.reviewerId).not.toBe(published.authorId);
    const snapshot = JSON.stringify(published.published);
    expect(snapshot).toContain("read-only");
    expect(snapshot).not.toContain("Where we got lucky");
    const overdue = published.actionItems.filter(
      (i) => (i.state === "open" || i.state === "in_progress") && i.dueDate! < now,
    );
    expect(overdue.map((i) => i.title)).toContain("Alert on checkout write errors per region");
  });

  it("measures what the checkout outage charged to the premium contract that covers it", async () => {
    const postmortem = await t.db.postmortem.findUniqueOrThrow({
      where: { incidentId: "demo-checkout-database-failure" },
    });
    const report = postmortem.impactReport as { contracts: { customerName: string; downtimeMinutes: number }[] };
    const charged = report.contracts.find((c) => c.customerName === "Fabrikam Fashion");
    expect(charged?.downtimeMinutes).toBeGreaterThan(100);
  });
});

describe("the demo's SLA statements", () => {
  it("issues every closed month of every demo contract, and restates one after late results", async () => {
    const contracts = await t.db.contract.findMany({
      include: { customer: true, statements: { orderBy: [{ month: "asc" }, { revision: "asc" }] } },
    });
    expect(contracts.map((c) => c.customer.key).sort()).toEqual([
      "fabrikam-fashion",
      "northwind-retail",
      "tailspin-toys",
    ]);
    for (const c of contracts)
      expect(c.statements.filter((s) => s.revision === 1).map((s) => s.month)).toEqual(["2026-11"]);
    const northwind = contracts.find((c) => c.customer.key === "northwind-retail")!;
    const restated = northwind.statements.find((s) => s.revision === 2)!;
    expect(restated.reason).toMatch(/Late probe results/);
    expect(restated.sha256).not.toBe(northwind.statements[0]!.sha256);
    expect(first.restated).toBe(true);
  });

  it("gives the premium contract a fixed 30-day month and the others calendar months", async () => {
    const rules = Object.fromEntries(
      (await t.db.contract.findMany({ include: { customer: true } })).map((c) => [c.customer.key, c.monthRule]),
    );
    expect(rules).toEqual({
      "fabrikam-fashion": "fixed_30_days",
      "northwind-retail": "calendar",
      "tailspin-toys": "calendar",
    });
  });
});

describe("running the demo's seed again", () => {
  it("adds nothing", async () => {
    const before = [await t.db.incidentUpdate.count(), await t.db.actionItem.count(), await t.db.timelineEntry.count()];
    expect(await seedDemoStories(t.db, now)).toEqual({
      incidents: [],
      postmortems: [],
      statements: 0,
      restated: false,
    });
    expect([
      await t.db.incidentUpdate.count(),
      await t.db.actionItem.count(),
      await t.db.timelineEntry.count(),
    ]).toEqual(before);
  });
});
