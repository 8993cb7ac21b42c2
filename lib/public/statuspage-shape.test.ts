import { describe, expect, it } from "vitest";
import type { PublishedPostmortem } from "../domain/published-postmortem.ts";
import {
  affectedComponentsByUpdate,
  postmortemBody,
  shapeComponents,
  shapeIncident,
  shapeMaintenance,
  shapeStatus,
} from "./statuspage-shape.ts";
import type { ComponentRegionFacts, IncidentFacts, MaintenanceFacts, ShapeContext } from "./statuspage-types.ts";

const day = (d: number) => new Date(Date.UTC(2026, 2, d));
const product = { id: "p1", name: "Commerce", description: "", createdAt: day(1) };

function row(
  id: string,
  regionKey: string,
  status: ComponentRegionFacts["status"],
  updated = day(2),
): ComponentRegionFacts {
  return {
    id,
    createdAt: day(1),
    updatedAt: updated,
    status,
    product,
    component: { name: "Checkout", description: "" },
    region: { key: regionKey, name: `Region ${regionKey}` },
  };
}

describe("shapeComponents", () => {
  const rows = [row("a", "eu", "operational"), row("b", "us", null, day(5)), row("c", "au", "partial_outage")];
  const [group, ...children] = shapeComponents("page1", rows);

  it("makes the product a group listing its components, worst status, latest change", () => {
    expect(group).toMatchObject({
      id: "p1",
      name: "Commerce",
      group: true,
      group_id: null,
      position: 1,
      description: null,
      status: "partial_outage",
      components: ["a", "b", "c"],
      updated_at: day(5).toISOString(),
    });
  });

  it("names components by component and region and numbers them inside their group", () => {
    expect(children.map((c) => [c.name, c.position, c.group_id, "components" in c])).toEqual([
      ["Checkout (eu)", 1, "p1", false],
      ["Checkout (us)", 2, "p1", false],
      ["Checkout (au)", 3, "p1", false],
    ]);
    expect(children[0]!.description).toBe("Region: Region eu.");
  });

  it("reports a component without evidence as operational, Statuspage having no unknown", () => {
    expect(children[1]!.status).toBe("operational");
    // …while a group whose every component lacks evidence is operational too, not an outage.
    expect(shapeComponents("page1", [row("x", "eu", null)])[0]!.status).toBe("operational");
  });
});

describe("shapeStatus", () => {
  it("claims only what was measured", () => {
    expect(shapeStatus([{ status: "operational" }, { status: null }])).toEqual({
      indicator: "none",
      description: "All Measured Systems Operational",
    });
    expect(shapeStatus([{ status: null }])).toEqual({ indicator: "none", description: "Awaiting probe data" });
    expect(shapeStatus([{ status: "under_maintenance" }, { status: "operational" }])).toEqual({
      indicator: "maintenance",
      description: "Service Under Maintenance",
    });
  });
});

const components = new Map(
  shapeComponents("page1", [row("a", "eu", "major_outage"), row("b", "us", "operational")]).map((c) => [c.id, c]),
);
const ctx: ShapeContext = { pageId: "page1", publicUrl: "https://status.example.com", components };

describe("affectedComponentsByUpdate", () => {
  it("takes the old status from the entry, else from the previous update, else operational", () => {
    const shaped = affectedComponentsByUpdate(
      [
        { affected: [{ componentRegionId: "a", status: "partial_outage" }] },
        { affected: [] },
        {
          affected: [
            { componentRegionId: "a", status: "major_outage" },
            { componentRegionId: "b", status: "degraded_performance", previousStatus: "partial_outage" },
          ],
        },
      ],
      components,
    );
    expect(shaped).toEqual([
      [{ code: "a", name: "Checkout (eu)", old_status: "operational", new_status: "partial_outage" }],
      null,
      [
        { code: "a", name: "Checkout (eu)", old_status: "partial_outage", new_status: "major_outage" },
        { code: "b", name: "Checkout (us)", old_status: "partial_outage", new_status: "degraded_performance" },
      ],
    ]);
  });

  it("skips what it cannot read: other shapes, unknown statuses, components that are not public", () => {
    const shaped = affectedComponentsByUpdate(
      [
        {
          affected: [
            { componentRegionId: "a", status: "melting" },
            { component: "x" },
            { componentRegionId: "gone", status: "major_outage" },
            42,
          ],
        },
        { affected: { not: "an array" } },
      ],
      components,
    );
    expect(shaped).toEqual([null, null]);
  });
});

describe("shapeIncident", () => {
  const incident: IncidentFacts = {
    id: "inc1",
    title: "Checkout down",
    status: "resolved",
    impact: "critical",
    createdAt: day(3),
    updatedAt: day(4),
    startedAt: day(3),
    mitigatedAt: null,
    resolvedAt: day(4),
    postmortemPublished: false,
    componentRegionIds: ["a", "gone"],
    // Out of order on purpose: the shape sorts them.
    updates: [
      { id: "u2", status: "resolved", message: "Fixed", affected: [], notifySubscribers: true, createdAt: day(4) },
      { id: "u1", status: "investigating", message: "Down", affected: [], notifySubscribers: false, createdAt: day(3) },
    ],
  };

  it("lists updates newest first and links to our incident page", () => {
    const shaped = shapeIncident(incident, ctx);
    expect(shaped.incident_updates.map((u) => [u.id, u.deliver_notifications])).toEqual([
      ["u2", true],
      ["u1", false],
    ]);
    expect(shaped.shortlink).toBe("https://status.example.com/incidents/inc1");
    expect(shaped.components.map((c) => c.id)).toEqual(["a"]);
  });

  it("says postmortem once a postmortem is published, and only for a resolved incident", () => {
    expect(shapeIncident({ ...incident, postmortemPublished: true }, ctx).status).toBe("postmortem");
    expect(shapeIncident({ ...incident, status: "monitoring", postmortemPublished: true }, ctx).status).toBe(
      "monitoring",
    );
  });

  it("fills Statuspage's postmortem fields with their types: strings or null, booleans", () => {
    const none = shapeIncident(incident, ctx);
    expect(none).toMatchObject({
      postmortem_body: null,
      postmortem_body_last_updated_at: null,
      postmortem_ignored: false,
      postmortem_notified_subscribers: false,
      postmortem_notified_twitter: false,
      postmortem_published_at: null,
    });
    const published = shapeIncident(
      {
        ...incident,
        postmortemPublished: true,
        postmortem: {
          body: "## Summary\n\nA full disk.",
          publishedAt: day(5),
          bodyUpdatedAt: day(6),
          ignored: false,
          notifiedSubscribers: true,
        },
      },
      ctx,
    );
    expect(published).toMatchObject({
      status: "postmortem",
      postmortem_body: "## Summary\n\nA full disk.",
      postmortem_published_at: day(5).toISOString(),
      postmortem_body_last_updated_at: day(6).toISOString(),
      postmortem_notified_subscribers: true,
      postmortem_notified_twitter: false,
    });
    const ignored = shapeIncident(
      {
        ...incident,
        postmortem: { body: null, publishedAt: null, bodyUpdatedAt: null, ignored: true, notifiedSubscribers: false },
      },
      ctx,
    );
    expect(ignored.postmortem_ignored).toBe(true);
  });

  it("is never on scheduled maintenance", () => {
    const window: MaintenanceFacts = {
      id: "m0",
      title: "Upgrade",
      description: "",
      status: "scheduled",
      createdAt: day(1),
      updatedAt: day(1),
      scheduledStart: day(2),
      scheduledEnd: day(3),
      startedAt: null,
      completedAt: null,
      componentRegionIds: [],
      updates: [],
    };
    expect(Object.keys(shapeMaintenance(window, ctx)).filter((k) => k.startsWith("postmortem"))).toEqual([]);
  });
});

describe("postmortemBody", () => {
  const section = (key: string, heading: string, paragraphs: string[]) => ({ key, heading, paragraphs, html: null });
  const published: PublishedPostmortem = {
    sections: [
      section("summary", "Summary", ["Checkout failed.", "For *40* minutes."]),
      section("correctiveMeasures", "Corrective and preventative measures", ["We add a canary."]),
    ],
    timeline: [],
    actionItems: [
      {
        title: "Add a\ncanary",
        type: "prevent",
        priority: "P2",
        state: "in_progress",
        dueDate: null,
        completedAt: null,
      },
    ],
    impact: null,
    revision: 1,
    publishedAt: day(5),
    firstPublishedAt: day(5),
    updatedAt: null,
  };

  it("is one Markdown text: a heading per public section in order, public action items with their state under the measures", () => {
    expect(postmortemBody(published)).toBe(
      "## Summary\n\nCheckout failed.\n\nFor *40* minutes.\n\n## Corrective and preventative measures\n\nWe add a canary.\n\n- Add a canary (in progress)",
    );
  });

  it("lists the action items under their own heading when the measures section is empty", () => {
    expect(postmortemBody({ ...published, sections: [published.sections[0]!] })).toMatch(
      /## Corrective and preventative measures\n\n- Add a canary \(in progress\)$/,
    );
  });
});

describe("shapeMaintenance", () => {
  const maintenance: MaintenanceFacts = {
    id: "m1",
    title: "Upgrade",
    description: "We upgrade the database.",
    status: "scheduled",
    createdAt: day(1),
    updatedAt: day(1),
    scheduledStart: day(10),
    scheduledEnd: day(11),
    startedAt: null,
    completedAt: null,
    componentRegionIds: ["b"],
    updates: [],
  };

  it("has impact maintenance, the schedule, and the description as its announcement when it has no update", () => {
    const shaped = shapeMaintenance(maintenance, ctx);
    expect(shaped).toMatchObject({
      impact: "maintenance",
      scheduled_for: day(10).toISOString(),
      scheduled_until: day(11).toISOString(),
      started_at: day(10).toISOString(),
      shortlink: "https://status.example.com/maintenance/m1",
    });
    expect(shaped.incident_updates.map((u) => [u.status, u.body])).toEqual([["scheduled", "We upgrade the database."]]);
    expect(shapeMaintenance({ ...maintenance, description: "" }, ctx).incident_updates).toEqual([]);
  });
});
