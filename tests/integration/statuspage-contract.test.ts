// The /api/v2 contract: every document has exactly the keys, types and enum
// values of Atlassian Statuspage's public API v2, so that existing clients and
// widgets work unchanged. Real route handlers, over HTTP, on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makePublicCatalog, makePublicIncident, makePublicMaintenance } from "../support/public-factories.ts";
import { makePublishedPostmortem } from "../support/published-postmortem-factories.ts";
import { type PublicServer, startPublicServer } from "../support/public-server-process.ts";

// ─── Statuspage's documented shapes, strict: no key missing, none extra ─────

const dateTime = z.iso.datetime({ offset: true });
const id = z.string().min(1);
const componentStatus = z.enum([
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
]);
const incidentStatus = z.enum(["investigating", "identified", "monitoring", "resolved", "postmortem"]);
const maintenanceStatus = z.enum(["scheduled", "in_progress", "verifying", "completed"]);
const impact = z.enum(["none", "minor", "major", "critical", "maintenance"]);

const page = z.strictObject({
  id,
  name: z.string().min(1),
  url: z.url(),
  time_zone: z.string().min(1),
  updated_at: dateTime,
});
const status = z.strictObject({
  indicator: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  description: z.string().min(1),
});
const componentFields = {
  id,
  name: z.string().min(1),
  status: componentStatus,
  created_at: dateTime,
  updated_at: dateTime,
  position: z.int().positive(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: id,
  only_show_if_degraded: z.boolean(),
};
const leafComponent = z.strictObject({ ...componentFields, group: z.literal(false) });
const groupComponent = z.strictObject({ ...componentFields, group: z.literal(true), components: z.array(id) });
const component = z.union([groupComponent, leafComponent]);
const affectedComponent = z.strictObject({
  code: id,
  name: z.string(),
  old_status: componentStatus,
  new_status: componentStatus,
});
const updateOf = <S extends z.ZodType>(statusSchema: S) =>
  z.strictObject({
    id,
    status: statusSchema,
    body: z.string(),
    incident_id: id,
    created_at: dateTime,
    updated_at: dateTime,
    display_at: dateTime,
    affected_components: z.array(affectedComponent).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.string().nullable(),
    tweet_id: z.string().nullable(),
  });
const incidentFields = {
  id,
  name: z.string(),
  created_at: dateTime,
  updated_at: dateTime,
  monitoring_at: dateTime.nullable(),
  resolved_at: dateTime.nullable(),
  impact,
  shortlink: z.url(),
  started_at: dateTime,
  page_id: id,
  components: z.array(component),
};
// Statuspage's postmortem fields: on incidents only.
const postmortemFields = {
  postmortem_body: z.string().nullable(),
  postmortem_body_last_updated_at: dateTime.nullable(),
  postmortem_ignored: z.boolean(),
  postmortem_notified_subscribers: z.boolean(),
  postmortem_notified_twitter: z.boolean(),
  postmortem_published_at: dateTime.nullable(),
};
const incident = z.strictObject({
  ...incidentFields,
  ...postmortemFields,
  status: incidentStatus,
  incident_updates: z.array(updateOf(incidentStatus)),
});
const maintenance = z.strictObject({
  ...incidentFields,
  status: maintenanceStatus,
  incident_updates: z.array(updateOf(maintenanceStatus)),
  scheduled_for: dateTime,
  scheduled_until: dateTime,
});

const documents = {
  "summary.json": z.strictObject({
    page,
    components: z.array(component),
    incidents: z.array(incident),
    scheduled_maintenances: z.array(maintenance),
    status,
  }),
  "status.json": z.strictObject({ page, status }),
  "components.json": z.strictObject({ page, components: z.array(component) }),
  "incidents.json": z.strictObject({ page, incidents: z.array(incident) }),
  "incidents/unresolved.json": z.strictObject({ page, incidents: z.array(incident) }),
  "scheduled-maintenances.json": z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
  "scheduled-maintenances/upcoming.json": z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
  "scheduled-maintenances/active.json": z.strictObject({ page, scheduled_maintenances: z.array(maintenance) }),
};
type DocumentName = keyof typeof documents;

// ─── The data: incidents in every review state, maintenance in three states ──

const PUBLIC_URL = "https://status.example.test";
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

let t: TestDatabase;
let server: PublicServer;
let catalog: Awaited<ReturnType<typeof makePublicCatalog>>;
const [PM_FIRST, PM_LAST] = [new Date(hours(-150)), new Date(hours(-100))];
const ids = {} as Record<
  "open" | "postmortem" | "republished" | "resolved" | "proposed" | "dismissed" | "upcoming" | "active" | "completed",
  string
>;

beforeAll(async () => {
  t = await createTestDatabase();
  catalog = await makePublicCatalog(t.db);
  const { cr } = catalog;

  ids.open = (
    await makePublicIncident(t.db, {
      title: "Checkout fails in North America",
      status: "identified",
      impact: "major",
      startedAt: hours(-2),
      affects: [{ componentRegionId: cr.checkoutUs.id, status: "major_outage" }],
      updates: [
        {
          status: "investigating",
          message: "Some payments fail.",
          at: hours(-2),
          affected: [{ componentRegionId: cr.checkoutUs.id, status: "partial_outage" }],
        },
        {
          status: "identified",
          message: "A payment provider is down; every payment fails.",
          at: hours(-1),
          affected: [{ componentRegionId: cr.checkoutUs.id, status: "major_outage" }, { nonsense: true }],
          notify: false,
        },
      ],
    })
  ).id;
  ids.postmortem = (
    await makePublicIncident(t.db, {
      title: "Search slow in Europe",
      status: "resolved",
      impact: "minor",
      startedAt: hours(-50),
      mitigatedAt: hours(-49),
      resolvedAt: hours(-48),
      affects: [{ componentRegionId: cr.checkoutEu.id, status: "degraded_performance" }],
      updates: [
        { status: "investigating", message: "Slow.", at: hours(-50) },
        { status: "monitoring", message: "Fixed, watching.", at: hours(-49) },
        { status: "resolved", message: "Resolved.", at: hours(-48) },
      ],
      postmortemPublishedAt: hours(-24),
    })
  ).id;
  ids.resolved = (
    await makePublicIncident(t.db, {
      title: "Old blip",
      status: "resolved",
      startedAt: hours(-100),
      resolvedAt: hours(-99),
      updates: [],
    })
  ).id;
  ids.proposed = (
    await makePublicIncident(t.db, {
      title: "Proposed: checkout down in Europe",
      review: "proposed",
      startedAt: hours(-0.5),
      affects: [{ componentRegionId: cr.checkoutEu.id, status: "major_outage" }],
    })
  ).id;
  ids.dismissed = (
    await makePublicIncident(t.db, {
      title: "Dismissed flap",
      review: "dismissed",
      startedAt: hours(-3),
      affects: [{ componentRegionId: cr.deliveryEu.id, status: "major_outage" }],
    })
  ).id;

  ids.upcoming = (
    await makePublicMaintenance(t.db, {
      title: "CDN certificate rotation",
      description: "New certificates for the storefront CDN.",
      status: "scheduled",
      scheduledStart: hours(48),
      scheduledEnd: hours(50),
      componentRegionIds: [cr.deliveryEu.id],
    })
  ).id;
  ids.active = (
    await makePublicMaintenance(t.db, {
      title: "Audit log storage migration",
      status: "in_progress",
      scheduledStart: hours(-1),
      scheduledEnd: hours(1),
      startedAt: hours(-1),
      componentRegionIds: [cr.auditEu.id],
      updates: [
        { status: "scheduled", message: "We will move audit storage.", at: hours(-72) },
        { status: "in_progress", message: "Started.", at: hours(-1) },
      ],
    })
  ).id;
  ids.completed = (
    await makePublicMaintenance(t.db, {
      title: "Database upgrade",
      status: "completed",
      scheduledStart: hours(-30),
      scheduledEnd: hours(-28),
      startedAt: hours(-30),
      completedAt: hours(-28.5),
      componentRegionIds: [cr.checkoutEu.id, cr.checkoutUs.id],
      updates: [
        { status: "scheduled", message: "Upgrade planned.", at: hours(-80) },
        { status: "in_progress", message: "Upgrading.", at: hours(-30) },
        { status: "verifying", message: "Checking.", at: hours(-29) },
        { status: "completed", message: "Done.", at: hours(-28.5) },
      ],
    })
  ).id;

  ids.republished = (
    await makePublicIncident(t.db, {
      title: "Carts lost in Europe",
      status: "resolved",
      impact: "major",
      startedAt: hours(-200),
      resolvedAt: hours(-199),
      affects: [{ componentRegionId: cr.checkoutEu.id, status: "major_outage" }],
      updates: [{ status: "resolved", message: "Recovered.", at: hours(-199) }],
    })
  ).id;
  await makePublishedPostmortem(t.db, {
    incidentId: ids.republished,
    sections: {
      summary: "Carts were lost for **an hour**.",
      rootCause: "A cache eviction bug.",
      lessonsLearned: "INTERNAL: we got lucky.",
    },
    publications: [PM_FIRST, PM_LAST],
    actionItems: [
      {
        title: "Alert on cache evictions",
        type: "detect",
        priority: "P2",
        state: "done",
        dueDate: null,
        completedAt: new Date(hours(-120)),
        isPublic: true,
      },
      {
        title: "Private follow-up",
        type: "process",
        priority: "P4",
        state: "open",
        dueDate: null,
        completedAt: null,
        isPublic: false,
      },
    ],
    notifiedSubscribers: true,
  });
  await t.db.postmortem.create({ data: { incidentId: ids.resolved, notRequired: true, notRequiredReason: "A blip." } });

  server = await startPublicServer(t.url, PUBLIC_URL);
});

afterAll(async () => {
  server?.stop();
  await t?.drop();
});

async function document<N extends DocumentName>(name: N): Promise<z.infer<(typeof documents)[N]>> {
  const response = await server.get(`/api/v2/${name}`);
  expect(response.status).toBe(200);
  return documents[name].parse(await response.json()) as z.infer<(typeof documents)[N]>;
}

describe("every /api/v2 document", () => {
  it.each(Object.keys(documents) as DocumentName[])(
    "%s has Statuspage's exact shape, JSON, CORS and cache headers",
    async (name) => {
      const response = await server.get(`/api/v2/${name}`, { headers: { origin: "https://widget.example.org" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=10, stale-while-revalidate=30");
      const parsed = documents[name].safeParse(await response.json());
      expect(parsed.error?.issues ?? []).toEqual([]);
    },
  );

  it("describes the same page everywhere, at PUBLIC_URL", async () => {
    const pages = await Promise.all(
      (Object.keys(documents) as DocumentName[]).map(async (n) => (await document(n)).page),
    );
    expect(new Set(pages.map((p) => JSON.stringify(p))).size).toBe(1);
    expect(pages[0]).toMatchObject({ name: "Bellwether", url: PUBLIC_URL, time_zone: "Etc/UTC" });
    expect(pages[0]!.id).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("components.json", () => {
  it("makes each product a group and each component in each region a component inside it, in page order", async () => {
    const { components } = await document("components.json");
    const { cr, products } = catalog;
    expect(components.map((c) => [c.name, c.group, c.group_id, c.position])).toEqual([
      ["Commerce", true, null, 1],
      ["Checkout (eu.gcp)", false, products.commerce.id, 1],
      ["Checkout (us.aws)", false, products.commerce.id, 2],
      ["Audit Log (eu.gcp)", false, products.commerce.id, 3],
      ["Audit Log (us.aws)", false, products.commerce.id, 4],
      ["Frontend", true, null, 2],
      ["Delivery (eu.gcp)", false, products.frontend.id, 1],
    ]);
    const commerce = components[0]!;
    expect("components" in commerce && commerce.components).toEqual([
      cr.checkoutEu.id,
      cr.checkoutUs.id,
      cr.auditEu.id,
      cr.auditUs.id,
    ]);
    expect(components.find((c) => c.id === cr.checkoutEu.id)).toMatchObject({
      description: "Checkout does its job. Region: Europe – GCP.",
      showcase: true,
      only_show_if_degraded: false,
      start_date: cr.checkoutEu.createdAt.toISOString().slice(0, 10),
    });
  });

  it("reports the effective status: maintenance over an approved open incident over probes; proposals change nothing", async () => {
    const { components } = await document("components.json");
    const statusOf = (crId: string) => components.find((c) => c.id === crId)?.status;
    const { cr } = catalog;
    expect(statusOf(cr.checkoutUs.id)).toBe("major_outage"); // open approved incident over "operational" probes
    expect(statusOf(cr.checkoutEu.id)).toBe("operational"); // the proposal and the resolved incident do not count
    expect(statusOf(cr.auditEu.id)).toBe("under_maintenance"); // maintenance over "degraded" probes
    expect(statusOf(cr.deliveryEu.id)).toBe("operational"); // a dismissed proposal does not count
    // Statuspage has no "unknown": no evidence reads as operational here, never as an outage.
    expect(statusOf(cr.auditUs.id)).toBe("operational");
    // A group shows its worst component.
    expect(components.find((c) => c.name === "Commerce")?.status).toBe("major_outage");
  });
});

describe("status.json", () => {
  it("gives Statuspage's indicator for the worst status, and claims only what was measured", async () => {
    const { status } = await document("status.json");
    expect(status).toEqual({ indicator: "critical", description: "Major System Outage" });
  });
});

describe("incidents", () => {
  it("lists only approved incidents, newest first, with our incident page as shortlink", async () => {
    const { incidents } = await document("incidents.json");
    expect(incidents.map((i) => i.id)).toEqual([ids.open, ids.postmortem, ids.resolved, ids.republished]);
    expect(incidents[0]!.shortlink).toBe(`${PUBLIC_URL}/incidents/${ids.open}`);
  });

  it("moves a resolved incident with a published postmortem to status postmortem", async () => {
    const { incidents } = await document("incidents.json");
    const byId = new Map(incidents.map((i) => [i.id, i]));
    expect(byId.get(ids.postmortem)).toMatchObject({ status: "postmortem", impact: "minor" });
    expect(byId.get(ids.postmortem)!.monitoring_at).not.toBeNull();
    expect(byId.get(ids.postmortem)!.resolved_at).not.toBeNull();
    expect(byId.get(ids.resolved)).toMatchObject({ status: "resolved", incident_updates: [] });
  });

  it("gives updates newest first, each with the component statuses it changed", async () => {
    const { incidents } = await document("incidents/unresolved.json");
    expect(incidents.map((i) => i.id)).toEqual([ids.open]);
    const open = incidents[0]!;
    expect(open).toMatchObject({
      name: "Checkout fails in North America",
      status: "identified",
      impact: "major",
      monitoring_at: null,
    });
    expect(open.components.map((c) => [c.name, c.status])).toEqual([["Checkout (us.aws)", "major_outage"]]);
    const code = catalog.cr.checkoutUs.id;
    expect(
      open.incident_updates.map((u) => [u.status, u.body, u.deliver_notifications, u.affected_components]),
    ).toEqual([
      [
        "identified",
        "A payment provider is down; every payment fails.",
        false,
        // The malformed entry stored beside it is skipped, not fatal.
        [{ code, name: "Checkout (us.aws)", old_status: "partial_outage", new_status: "major_outage" }],
      ],
      [
        "investigating",
        "Some payments fail.",
        true,
        [{ code, name: "Checkout (us.aws)", old_status: "operational", new_status: "partial_outage" }],
      ],
    ]);
    expect(open.incident_updates.every((u) => u.incident_id === ids.open)).toBe(true);
  });
});

describe("postmortem fields", () => {
  it("carry the published postmortem as Markdown, when it was first published and last updated, and that subscribers were told", async () => {
    const { incidents } = await document("incidents.json");
    const republished = incidents.find((i) => i.id === ids.republished)!;
    expect(republished).toMatchObject({
      status: "postmortem",
      postmortem_ignored: false,
      postmortem_notified_subscribers: true,
      postmortem_notified_twitter: false,
    });
    expect(republished.postmortem_published_at).toBe(PM_FIRST.toISOString());
    expect(republished.postmortem_body_last_updated_at).toBe(PM_LAST.toISOString());
    expect(republished.postmortem_body).toBe(
      "## Summary\n\nCarts were lost for **an hour**.\n\n## Root cause\n\nA cache eviction bug.\n\n## Corrective and preventative measures\n\n- Alert on cache evictions (done)",
    );
    expect(republished.postmortem_body).not.toContain("INTERNAL");
    expect(republished.postmortem_body).not.toContain("Private follow-up");
  });

  it("are null and false without a published postmortem; ignored when it was marked not required", async () => {
    const { incidents } = await document("incidents.json");
    const byId = new Map(incidents.map((i) => [i.id, i]));
    expect(byId.get(ids.open)).toMatchObject({
      postmortem_body: null,
      postmortem_body_last_updated_at: null,
      postmortem_published_at: null,
      postmortem_ignored: false,
      postmortem_notified_subscribers: false,
    });
    expect(byId.get(ids.resolved)).toMatchObject({
      status: "resolved",
      postmortem_ignored: true,
      postmortem_body: null,
    });
  });

  it("are the same in summary.json's unresolved incidents", async () => {
    const { incidents } = await document("summary.json");
    expect(incidents.map((i) => [i.id, i.postmortem_body, i.postmortem_ignored])).toEqual([[ids.open, null, false]]);
  });
});

describe("scheduled maintenances", () => {
  it("lists every window newest first, with impact maintenance and our maintenance page as shortlink", async () => {
    const { scheduled_maintenances: all } = await document("scheduled-maintenances.json");
    expect(all.map((m) => [m.id, m.status])).toEqual([
      [ids.upcoming, "scheduled"],
      [ids.active, "in_progress"],
      [ids.completed, "completed"],
    ]);
    expect(all.every((m) => m.impact === "maintenance")).toBe(true);
    expect(all[0]!.shortlink).toBe(`${PUBLIC_URL}/maintenance/${ids.upcoming}`);
  });

  it("tells upcoming from active, and gives the schedule, the lifecycle times and updates newest first", async () => {
    const [{ scheduled_maintenances: upcoming }, { scheduled_maintenances: active }, { scheduled_maintenances: all }] =
      await Promise.all([
        document("scheduled-maintenances/upcoming.json"),
        document("scheduled-maintenances/active.json"),
        document("scheduled-maintenances.json"),
      ]);
    expect(upcoming.map((m) => m.id)).toEqual([ids.upcoming]);
    expect(active.map((m) => m.id)).toEqual([ids.active]);
    // A window announced without an update still carries its description as the first update.
    expect(upcoming[0]!.incident_updates.map((u) => [u.status, u.body])).toEqual([
      ["scheduled", "New certificates for the storefront CDN."],
    ]);
    expect(active[0]!.components.map((c) => [c.name, c.status])).toEqual([["Audit Log (eu.gcp)", "under_maintenance"]]);

    const completed = all.find((m) => m.id === ids.completed)!;
    expect(completed.incident_updates.map((u) => u.status)).toEqual([
      "completed",
      "verifying",
      "in_progress",
      "scheduled",
    ]);
    expect(completed.monitoring_at).toBe(completed.incident_updates[1]!.created_at);
    expect(Date.parse(completed.resolved_at!)).toBeLessThan(Date.parse(completed.scheduled_until));
  });
});

describe("summary.json", () => {
  it("combines page, components, unresolved incidents, active and upcoming maintenance, and status", async () => {
    const [summary, components, status, unresolved] = await Promise.all([
      document("summary.json"),
      document("components.json"),
      document("status.json"),
      document("incidents/unresolved.json"),
    ]);
    expect(summary.components).toEqual(components.components);
    expect(summary.status).toEqual(status.status);
    expect(summary.incidents).toEqual(unresolved.incidents);
    // In the order they happen: the one in progress, then the one to come.
    expect(summary.scheduled_maintenances.map((m) => m.id)).toEqual([ids.active, ids.upcoming]);
  });
});
