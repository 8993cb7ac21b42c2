import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getComponentPage } from "../../lib/public/component.ts";
import { getHistoryPage, historyQuerySchema } from "../../lib/public/history.ts";
import { getHomePage } from "../../lib/public/home.ts";
import { getActiveIncidents, getIncident, getIncidentDays, getIncidentHistory } from "../../lib/public/incidents.ts";
import { getLatencySeries } from "../../lib/public/latency.ts";
import { getCurrentMaintenance, getMaintenance } from "../../lib/public/maintenance.ts";
import { getRegionPage } from "../../lib/public/region.ts";
import { getUptime } from "../../lib/public/uptime.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import {
  makeMaintenanceWindow,
  makePostmortem,
  makePublicIncident,
  makeRollups,
} from "../support/public-page-factories.ts";
import { makePublishedPostmortem } from "../support/published-postmortem-factories.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-22T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

/** Each test gets its own small platform: two regions, a tier-1 and a tier-2 component. */
async function platform(t: TestDatabase) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const eu = await makeRegion(t.db, { key: `eu-${suffix}.gcp`, sortOrder: 0 });
  const us = await makeRegion(t.db, { key: `us-${suffix}.gcp`, sortOrder: 1 });
  const product = await makeProduct(t.db);
  const checkout = await makeComponent(t.db, product.id, {
    key: `checkout-${suffix}`,
    tier: "TIER_1",
    name: "Checkout",
  });
  const studio = await makeComponent(t.db, product.id, { key: `studio-${suffix}`, tier: "TIER_2", name: "Studio" });
  const checkoutEu = await makeComponentRegion(t.db, checkout.id, eu.id, { probeStatus: "operational" });
  const checkoutUs = await makeComponentRegion(t.db, checkout.id, us.id, { probeStatus: "operational" });
  const studioEu = await makeComponentRegion(t.db, studio.id, eu.id, { probeStatus: "operational" });
  return { eu, us, checkout, studio, checkoutEu, checkoutUs, studioEu };
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("incidents on the public site", () => {
  it("shows only approved, open incidents as active, worst impact first, with their latest update and tier-1 components first", async () => {
    const p = await platform(t);
    const minor = await makePublicIncident(t.db, {
      title: "Slow studio",
      impact: "minor",
      startedAt: ago(HOUR),
      affected: [{ componentRegionId: p.studioEu.id, status: "degraded_performance" }],
    });
    const major = await makePublicIncident(t.db, {
      title: "Checkout failing",
      impact: "critical",
      status: "identified",
      startedAt: ago(2 * HOUR),
      affected: [
        { componentRegionId: p.studioEu.id, status: "partial_outage" },
        { componentRegionId: p.checkoutUs.id, status: "major_outage" },
        { componentRegionId: p.checkoutEu.id, status: "partial_outage" },
      ],
      updates: [
        { status: "investigating", message: "We are looking into failed payments.", at: ago(2 * HOUR) },
        { status: "identified", message: "A database failed over badly.", at: ago(HOUR) },
      ],
    });
    await makePublicIncident(t.db, {
      title: "Proposal",
      review: "proposed",
      startedAt: ago(HOUR),
      affected: [{ componentRegionId: p.checkoutEu.id, status: "major_outage" }],
    });
    await makePublicIncident(t.db, {
      title: "Dismissed",
      review: "dismissed",
      startedAt: ago(HOUR),
      affected: [{ componentRegionId: p.checkoutEu.id, status: "major_outage" }],
    });
    await makePublicIncident(t.db, {
      title: "Over",
      status: "resolved",
      resolvedAt: ago(HOUR),
      startedAt: ago(3 * HOUR),
      affected: [{ componentRegionId: p.checkoutEu.id, status: "major_outage" }],
    });

    const active = await getActiveIncidents(t.db, { componentKey: p.checkout.key });
    expect(active.map((i) => i.id)).toEqual([major.id]);
    const [incident] = active;
    expect(incident!.latestUpdate).toMatchObject({ status: "identified", message: "A database failed over badly." });
    expect(incident!.affected.map((a) => [a.componentName, a.regionKey, a.status])).toEqual([
      ["Checkout", p.eu.key, "partial_outage"],
      ["Checkout", p.us.key, "major_outage"],
      ["Studio", p.eu.key, "partial_outage"],
    ]);

    const inEu = await getActiveIncidents(t.db, { regionKey: p.eu.key });
    expect(inEu.map((i) => i.id)).toEqual([major.id, minor.id]);
    // Both filters must meet in one component-region: studio never runs in us.
    expect(await getActiveIncidents(t.db, { regionKey: p.us.key, componentKey: p.studio.key })).toEqual([]);
  });

  it("tells an incident's story oldest update first, with the published postmortem and never a draft", async () => {
    const p = await platform(t);
    const incident = await makePublicIncident(t.db, {
      title: "Checkout database failure",
      status: "resolved",
      startedAt: ago(5 * HOUR),
      resolvedAt: ago(3 * HOUR),
      affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
      updates: [
        { status: "resolved", message: "Checkout works again.", at: ago(3 * HOUR) },
        { status: "investigating", message: "Orders fail.", at: ago(5 * HOUR) },
        { status: "identified", message: "The primary database is down.", at: ago(4 * HOUR) },
      ],
    });
    await makePostmortem(t.db, incident.id, {
      published: { summary: "Checkout failed for two hours.", rootCause: "A full disk.\n\nA disabled cleanup job." },
      publishedAt: ago(HOUR),
    });

    const detail = (await getIncident(t.db, incident.id))!;
    expect(detail.updates.map((u) => u.status)).toEqual(["investigating", "identified", "resolved"]);
    expect(detail.latestUpdate?.message).toBe("Checkout works again.");
    expect(detail.affected).toEqual([
      expect.objectContaining({ componentName: "Checkout", regionKey: p.us.key, status: "major_outage" }),
    ]);
    expect(detail.postmortem?.sections.map((s) => [s.heading, s.paragraphs])).toEqual([
      ["Summary", ["Checkout failed for two hours."]],
      ["Root cause", ["A full disk.", "A disabled cleanup job."]],
    ]);

    const drafted = await makePublicIncident(t.db, {
      startedAt: ago(HOUR),
      affected: [{ componentRegionId: p.checkoutEu.id, status: "major_outage" }],
    });
    await makePostmortem(t.db, drafted.id, { published: null });
    expect((await getIncident(t.db, drafted.id))!.postmortem).toBeNull();

    const proposed = await makePublicIncident(t.db, {
      review: "proposed",
      startedAt: ago(HOUR),
      affected: [{ componentRegionId: p.checkoutEu.id, status: "major_outage" }],
    });
    expect(await getIncident(t.db, proposed.id)).toBeNull();
    expect(await getIncident(t.db, "no-such-incident")).toBeNull();
  });

  it("reads a published postmortem from its snapshot only: sanitized sections, the public timeline and action items, Updated after a republication", async () => {
    const p = await platform(t);
    const incident = await makePublicIncident(t.db, {
      title: "Search down",
      status: "resolved",
      startedAt: ago(5 * HOUR),
      resolvedAt: ago(4 * HOUR),
      affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
    });
    const { postmortemId } = await makePublishedPostmortem(t.db, {
      incidentId: incident.id,
      sections: {
        summary: "Search **failed**. <img src=x onerror=alert(1)>",
        correctiveMeasures: "We add a canary.",
        lessonsLearned: "We got lucky.",
      },
      publications: [ago(3 * HOUR), ago(HOUR)],
      timeline: [
        { at: ago(5 * HOUR), source: "probe", text: "First failing check", hidden: false },
        { at: ago(4.5 * HOUR), source: "engineer", text: "Internal chatter", hidden: true },
      ],
      actionItems: [
        {
          title: "Add a canary",
          type: "prevent",
          priority: "P2",
          state: "in_progress",
          dueDate: null,
          completedAt: null,
          isPublic: true,
        },
      ],
    });
    // Edits after publication change nothing readers see until it is published again.
    await t.db.postmortem.update({
      where: { id: postmortemId },
      data: { summary: "A DRAFT EDIT", state: "in_review" },
    });

    const pm = (await getIncident(t.db, incident.id))!.postmortem!;
    expect(pm.sections.map((s) => s.heading)).toEqual(["Summary", "Corrective and preventative measures"]);
    expect(pm.sections[0]!.html).toContain("<strong>failed</strong>");
    expect(pm.sections[0]!.html).not.toMatch(/onerror|<img/);
    expect(JSON.stringify(pm)).not.toContain("A DRAFT EDIT");
    expect(JSON.stringify(pm)).not.toContain("We got lucky");
    expect(pm.timeline.map((e) => e.text)).toEqual(["First failing check"]);
    expect(pm.actionItems.map((a) => [a.title, a.state])).toEqual([["Add a canary", "in_progress"]]);
    expect(pm.firstPublishedAt).toEqual(ago(3 * HOUR));
    expect(pm.updatedAt).toEqual(ago(HOUR));
  });

  it("pages through the history newest first, filtered by region and component", async () => {
    const p = await platform(t);
    for (let i = 0; i < 5; i++) {
      await makePublicIncident(t.db, {
        title: `Checkout us ${i}`,
        status: "resolved",
        startedAt: ago((i + 1) * DAY),
        resolvedAt: ago((i + 1) * DAY - HOUR),
        affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
      });
    }
    await makePublicIncident(t.db, {
      title: "Studio eu",
      status: "resolved",
      startedAt: ago(DAY / 2),
      resolvedAt: ago(DAY / 4),
      affected: [{ componentRegionId: p.studioEu.id, status: "major_outage" }],
    });
    await makePublicIncident(t.db, {
      title: "Hidden",
      review: "proposed",
      startedAt: ago(DAY / 2),
      affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
    });

    const first = await getIncidentHistory(t.db, { page: 1, pageSize: 2, regionKey: p.us.key });
    expect(first).toMatchObject({ total: 5, pageCount: 3, page: 1 });
    expect(first.incidents.map((i) => i.title)).toEqual(["Checkout us 0", "Checkout us 1"]);
    const last = await getIncidentHistory(t.db, { page: 3, pageSize: 2, regionKey: p.us.key });
    expect(last.incidents.map((i) => i.title)).toEqual(["Checkout us 4"]);
    expect((await getIncidentHistory(t.db, { page: 9, pageSize: 2, regionKey: p.us.key })).incidents).toEqual([]);

    const studio = await getIncidentHistory(t.db, { page: 1, componentKey: p.studio.key });
    expect(studio.incidents.map((i) => i.title)).toEqual(["Studio eu"]);
    expect((await getIncidentHistory(t.db, { page: 1, componentKey: p.studio.key, regionKey: p.us.key })).total).toBe(
      0,
    );

    const page = await getHistoryPage(t.db, historyQuerySchema.parse({ region: p.eu.key, page: "1" }));
    expect(page.incidents.map((i) => i.title)).toEqual(["Studio eu"]);
    expect(page.regions.map((r) => r.key)).toEqual(expect.arrayContaining([p.eu.key, p.us.key]));
    expect(page.components.map((c) => c.key)).toEqual(expect.arrayContaining([p.checkout.key, p.studio.key]));
  });

  it("reads the history's address forgivingly", () => {
    expect(historyQuerySchema.parse({})).toEqual({ page: 1, region: undefined, component: undefined });
    expect(historyQuerySchema.parse({ page: "x", region: "", component: ["search", "checkout"] })).toEqual({
      page: 1,
      region: undefined,
      component: "search",
    });
    expect(historyQuerySchema.parse({ page: "3", region: "<script>" })).toEqual({
      page: 3,
      region: undefined,
      component: undefined,
    });
  });

  it("marks each day of a component-region's uptime with the incidents that touched it", async () => {
    const p = await platform(t);
    const overnight = await makePublicIncident(t.db, {
      title: "Overnight",
      status: "resolved",
      startedAt: new Date("2026-11-19T22:00:00Z"),
      resolvedAt: new Date("2026-11-20T01:00:00Z"),
      affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
    });
    await makePublicIncident(t.db, {
      review: "dismissed",
      startedAt: new Date("2026-11-21T01:00:00Z"),
      affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
    });
    const days = await getIncidentDays(t.db, NOW, 90, [p.checkoutUs.id, p.checkoutEu.id]);
    expect(days.has(p.checkoutEu.id)).toBe(false);
    expect(Object.fromEntries(days.get(p.checkoutUs.id)!)).toEqual({
      "2026-11-19": [{ id: overnight.id, title: "Overnight" }],
      "2026-11-20": [{ id: overnight.id, title: "Overnight" }],
    });
  });
});

describe("maintenance on the public site", () => {
  it("lists scheduled windows that have not ended, soonest first, and shows one with its updates in order", async () => {
    const p = await platform(t);
    const later = await makeMaintenanceWindow(t.db, {
      title: "Later",
      status: "scheduled",
      scheduledStart: new Date(NOW.getTime() + 2 * DAY),
      scheduledEnd: new Date(NOW.getTime() + 2 * DAY + HOUR),
      componentRegionIds: [p.checkoutEu.id],
    });
    const soon = await makeMaintenanceWindow(t.db, {
      title: "Soon",
      status: "scheduled",
      scheduledStart: new Date(NOW.getTime() + DAY),
      scheduledEnd: new Date(NOW.getTime() + DAY + HOUR),
      componentRegionIds: [p.checkoutUs.id, p.checkoutEu.id],
      updates: [
        { status: "scheduled", message: "Planned.", at: ago(2 * DAY) },
        { status: "scheduled", message: "Moved by an hour.", at: ago(DAY) },
      ],
    });
    await makeMaintenanceWindow(t.db, {
      title: "Done",
      status: "completed",
      scheduledStart: ago(2 * DAY),
      scheduledEnd: ago(DAY),
      componentRegionIds: [p.checkoutEu.id],
    });

    const underWay = await makeMaintenanceWindow(t.db, {
      title: "Now",
      status: "in_progress",
      scheduledStart: ago(HOUR),
      scheduledEnd: new Date(NOW.getTime() + HOUR),
      componentRegionIds: [p.checkoutUs.id],
    });

    const { active, upcoming } = await getCurrentMaintenance(t.db, NOW, { componentKey: p.checkout.key });
    expect(active.map((m) => m.id)).toEqual([underWay.id]);
    expect(upcoming.map((m) => m.id)).toEqual([soon.id, later.id]);
    expect(upcoming[0]!.latestUpdate?.message).toBe("Moved by an hour.");
    expect((await getCurrentMaintenance(t.db, NOW, { regionKey: p.us.key })).upcoming.map((m) => m.id)).toEqual([
      soon.id,
    ]);
    expect((await getCurrentMaintenance(t.db, NOW, { regionKey: p.eu.key })).active).toEqual([]);
    expect((await getCurrentMaintenance(t.db, NOW, {}, 1)).upcoming.map((m) => m.id)).toEqual([soon.id]);

    const detail = (await getMaintenance(t.db, soon.id))!;
    expect(detail.updates.map((u) => u.message)).toEqual(["Planned.", "Moved by an hour."]);
    expect(detail.affected.map((a) => a.regionKey)).toEqual([p.eu.key, p.us.key]);
    expect(await getMaintenance(t.db, "nope")).toBeNull();
  });
});

describe("pages", () => {
  it("the front page has active notices, upcoming maintenance and a week of history with quiet days", async () => {
    const p = await platform(t);
    const open = await makePublicIncident(t.db, {
      title: "Open now",
      startedAt: ago(HOUR),
      affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
    });
    const twoDaysAgo = await makePublicIncident(t.db, {
      title: "Two days ago",
      status: "resolved",
      startedAt: ago(2 * DAY),
      resolvedAt: ago(2 * DAY - HOUR),
      affected: [{ componentRegionId: p.checkoutEu.id, status: "partial_outage" }],
    });
    await makeMaintenanceWindow(t.db, {
      title: "Running",
      status: "in_progress",
      scheduledStart: ago(HOUR),
      scheduledEnd: new Date(NOW.getTime() + HOUR),
      startedAt: ago(HOUR),
      componentRegionIds: [p.studioEu.id],
    });

    const home = await getHomePage(t.db, NOW);
    expect(home.activeIncidents.map((i) => i.id)).toContain(open.id);
    expect(home.activeMaintenance.map((m) => m.title)).toContain("Running");
    expect(home.recentDays).toHaveLength(7);
    expect(home.recentDays[0]!.day).toBe("2026-11-22");
    expect(home.recentDays[0]!.items.map((i) => i.id)).toContain(open.id);
    expect(home.recentDays[2]!.items.map((i) => i.id)).toContain(twoDaysAgo.id);
    expect(home.incidentDays.get(p.checkoutUs.id)?.get("2026-11-22")).toEqual([{ id: open.id, title: "Open now" }]);
    const row = home.overview.products.flatMap((x) => x.components).find((c) => c.key === p.checkout.key)!;
    expect(row.cells.find((c) => c?.componentRegionId === p.checkoutUs.id)?.status).toBe("major_outage");
  });

  it("a region page shows each component there, with uptime and what touches that region only", async () => {
    const p = await platform(t);
    await makePublicIncident(t.db, {
      title: "US only",
      startedAt: ago(HOUR),
      affected: [{ componentRegionId: p.checkoutUs.id, status: "major_outage" }],
    });
    await makePublicIncident(t.db, {
      title: "EU earlier",
      status: "resolved",
      startedAt: ago(3 * DAY),
      resolvedAt: ago(3 * DAY - HOUR),
      affected: [{ componentRegionId: p.checkoutEu.id, status: "partial_outage" }],
    });

    const us = (await getRegionPage(t.db, p.us.key, NOW))!;
    expect(us.products.flatMap((x) => x.components.map((c) => [c.name, c.cell.status]))).toEqual([
      ["Checkout", "major_outage"],
    ]);
    expect(us.overall.indicator).toBe("critical");
    expect(us.activeIncidents.map((i) => i.title)).toEqual(["US only"]);
    expect([...us.uptime.keys()]).toEqual([p.checkoutUs.id]);

    const eu = (await getRegionPage(t.db, p.eu.key, NOW))!;
    expect(eu.products.flatMap((x) => x.components.map((c) => c.name))).toEqual(["Checkout", "Studio"]);
    expect(eu.activeIncidents).toEqual([]);
    expect(eu.recentIncidents.map((i) => i.title)).toEqual(["EU earlier"]);
    expect(eu.overall.indicator).toBe("none");
    expect(await getRegionPage(t.db, "nowhere.gcp", NOW)).toBeNull();
  });

  it("a component page shows each region it runs in and response times from the rollup table that fits the range", async () => {
    const p = await platform(t);
    // 24 h from minute rollups: eu fast, us slow, in the same minute.
    const minute = new Date("2026-11-22T11:31:00Z");
    await makeRollups(t.db, "minute", p.checkoutEu.id, [{ bucketStart: minute, latencies: [40, 45, 50, 42] }]);
    await makeRollups(t.db, "minute", p.checkoutUs.id, [{ bucketStart: minute, latencies: [2400, 2600, 2800, 2900] }]);
    // 7 d from hour rollups, 30 d from day rollups: different numbers prove which table was read.
    await makeRollups(t.db, "hour", p.checkoutEu.id, [
      { bucketStart: new Date("2026-11-20T05:00:00Z"), latencies: [300] },
    ]);
    await makeRollups(t.db, "day", p.checkoutEu.id, [
      { bucketStart: new Date("2026-11-01T00:00:00Z"), latencies: [700] },
    ]);

    const all = (await getComponentPage(t.db, p.checkout.key, NOW, { range: "24h", regionKey: null }))!;
    expect(all.regions.map((r) => r.region.key)).toEqual([p.eu.key, p.us.key]);
    expect(all.latency.regionKey).toBeNull();
    expect(all.latency.series.overall.count).toBe(8);
    expect(all.latency.series.overall.p95!).toBeGreaterThan(2000);
    expect(all.latency.series.slowest?.from.toISOString()).toBe("2026-11-22T11:30:00.000Z");

    const eu = (await getComponentPage(t.db, p.checkout.key, NOW, { range: "24h", regionKey: p.eu.key }))!;
    expect(eu.latency.regionKey).toBe(p.eu.key);
    expect(eu.latency.series.overall.p95!).toBeLessThanOrEqual(50);
    // A region the component does not run in falls back to all regions.
    const elsewhere = (await getComponentPage(t.db, p.studio.key, NOW, { range: "24h", regionKey: p.us.key }))!;
    expect(elsewhere.latency.regionKey).toBeNull();
    expect(elsewhere.regions.map((r) => r.region.key)).toEqual([p.eu.key]);

    expect((await getLatencySeries(t.db, [p.checkoutEu.id], "7d", NOW)).overall).toMatchObject({ count: 1, p50: 300 });
    expect((await getLatencySeries(t.db, [p.checkoutEu.id], "30d", NOW)).overall).toMatchObject({ count: 1, p50: 700 });
    expect(await getComponentPage(t.db, "no-such-component", NOW, { range: "24h", regionKey: null })).toBeNull();
  });

  it("computes uptime for only the component-regions asked for", async () => {
    const p = await platform(t);
    await t.db.statusChange.create({
      data: { componentRegionId: p.checkoutUs.id, at: ago(80 * DAY), source: "probes", toStatus: "operational" },
    });
    await t.db.statusChange.create({
      data: { componentRegionId: p.checkoutEu.id, at: ago(200 * DAY), source: "probes", toStatus: "major_outage" },
    });
    const uptime = await getUptime(t.db, NOW, 90, [p.checkoutUs.id]);
    expect([...uptime.keys()]).toEqual([p.checkoutUs.id]);
    expect(uptime.get(p.checkoutUs.id)!.availability).toBe(1);
    // The status known before the window still counts for the one asked for.
    expect((await getUptime(t.db, NOW, 90, [p.checkoutEu.id])).get(p.checkoutEu.id)!.availability).toBe(0);
  });
});
