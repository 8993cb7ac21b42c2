// Feeds, the maintenance calendar and badges as a reader's software meets
// them: the real route handlers over HTTP, XML parsed by a real browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComponentStatus } from "../../lib/domain/status.ts";
import {
  childrenNamed,
  childText,
  descendantsNamed,
  startXmlReader,
  type XmlNode,
  type XmlReader,
} from "../support/browser-xml.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makePublicCatalog, makePublicIncident, makePublicMaintenance } from "../support/public-factories.ts";
import { makePublishedPostmortem } from "../support/published-postmortem-factories.ts";
import { type PublicServer, startPublicServer } from "../support/public-server-process.ts";

const PUBLIC_URL = "https://status.example.test";
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const EVIL = `<script>&"checkout"`;
const LONG_DESCRIPTION =
  "Größere Änderungen an der Datenbank – we move every cart, order and payment record to new storage; expect 2 minutes of read-only time (≈ €0 impact).";

let t: TestDatabase;
let server: PublicServer;
let xml: XmlReader;
let catalog: Awaited<ReturnType<typeof makePublicCatalog>>;
const ids = {} as Record<
  "evil" | "proposed" | "resolved" | "platform" | "upcoming" | "active" | "old" | "postmortem",
  string
>;
const PUBLISHED = [hours(-20), hours(-10)].map((iso) => new Date(iso));

beforeAll(async () => {
  t = await createTestDatabase();
  catalog = await makePublicCatalog(t.db);
  const { cr } = catalog;
  ids.evil = (
    await makePublicIncident(t.db, {
      title: EVIL,
      status: "identified",
      impact: "major",
      startedAt: hours(-3),
      affects: [{ componentRegionId: cr.checkoutUs.id, status: "major_outage" }],
      updates: [
        { status: "investigating", message: "Looking.", at: hours(-3) },
        { status: "identified", message: "Payments <fail> & we retry.", at: hours(-2) },
      ],
    })
  ).id;
  ids.proposed = (
    await makePublicIncident(t.db, {
      title: "Proposal nobody approved",
      review: "proposed",
      startedAt: hours(-1),
      affects: [{ componentRegionId: cr.checkoutEu.id, status: "major_outage" }],
    })
  ).id;
  ids.resolved = (
    await makePublicIncident(t.db, {
      title: "Delivery slow",
      status: "resolved",
      startedAt: hours(-30),
      resolvedAt: hours(-29),
      affects: [{ componentRegionId: cr.deliveryEu.id, status: "degraded_performance" }],
      updates: [{ status: "resolved", message: "Fast again.", at: hours(-29) }],
    })
  ).id;
  ids.platform = (
    await makePublicIncident(t.db, { title: "Status emails delayed", startedAt: hours(-5), updates: [] })
  ).id;
  ids.upcoming = (
    await makePublicMaintenance(t.db, {
      title: "Upgrade; db, cache \\ now",
      description: LONG_DESCRIPTION,
      status: "scheduled",
      scheduledStart: "2030-03-01T02:00:00Z",
      scheduledEnd: "2030-03-01T04:30:00Z",
      componentRegionIds: [cr.deliveryEu.id],
      version: 4,
    })
  ).id;
  ids.active = (
    await makePublicMaintenance(t.db, {
      title: "Audit storage move",
      status: "in_progress",
      scheduledStart: hours(-1),
      scheduledEnd: hours(1),
      startedAt: hours(-1),
      componentRegionIds: [cr.auditEu.id],
      updates: [{ status: "in_progress", message: "Moving now.", at: hours(-1) }],
    })
  ).id;
  ids.old = (
    await makePublicMaintenance(t.db, {
      title: "Maintenance long ago",
      status: "completed",
      scheduledStart: hours(-24 * 200),
      scheduledEnd: hours(-24 * 200 + 1),
      completedAt: hours(-24 * 200 + 1),
      componentRegionIds: [cr.checkoutEu.id],
    })
  ).id;
  ids.postmortem = (
    await makePublicIncident(t.db, {
      title: "Checkout down <b>everywhere</b>",
      status: "resolved",
      startedAt: hours(-40),
      resolvedAt: hours(-39),
      affects: [{ componentRegionId: cr.checkoutEu.id, status: "major_outage" }],
      updates: [{ status: "resolved", message: "Back.", at: hours(-39) }],
    })
  ).id;
  await makePublishedPostmortem(t.db, {
    incidentId: ids.postmortem,
    sections: {
      summary: "Checkout **failed** for an hour: [details](javascript:alert(1)) <script>alert(1)</script>",
      rootCause: "A full disk.",
    },
    publications: PUBLISHED,
  });
  [server, xml] = await Promise.all([startPublicServer(t.url, PUBLIC_URL), startXmlReader()]);
});

afterAll(async () => {
  server?.stop();
  await xml?.close();
  await t?.drop();
});

async function fetchXml(path: string, contentType: string): Promise<XmlNode> {
  const response = await server.get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toBe(contentType);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  return xml.parse(await response.text());
}

const atomLinks = (feed: XmlNode) => childrenNamed(feed, "entry").map((e) => childrenNamed(e, "link")[0]!.attrs.href);
const incidentLink = (id: string) => `${PUBLIC_URL}/incidents/${id}`;
const maintenanceLink = (id: string) => `${PUBLIC_URL}/maintenance/${id}`;

describe("/feed.atom", () => {
  it("is well-formed Atom with published incidents and maintenance, never a proposal", async () => {
    const feed = await fetchXml("/feed.atom", "application/atom+xml; charset=utf-8");
    expect(feed.name).toBe("feed");
    expect(feed.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(childText(feed, "title")).toBe("Bellwether status");
    expect(new Set(atomLinks(feed))).toEqual(
      new Set([
        incidentLink(ids.evil),
        incidentLink(ids.resolved),
        incidentLink(ids.platform),
        incidentLink(ids.postmortem),
        `${incidentLink(ids.postmortem)}#postmortem`,
        maintenanceLink(ids.upcoming),
        maintenanceLink(ids.active),
        maintenanceLink(ids.old),
      ]),
    );
    const updated = childrenNamed(feed, "entry").map((e) => Date.parse(childText(e, "updated")!));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
  });

  it("carries a title typed with markup as text, not markup", async () => {
    const feed = await fetchXml("/feed.atom", "application/atom+xml; charset=utf-8");
    const entry = childrenNamed(feed, "entry").find((e) => childText(e, "id") === incidentLink(ids.evil))!;
    expect(childText(entry, "title")).toBe(EVIL);
    expect(childText(entry, "summary")).toBe(
      "Identified (impact: major): Payments <fail> & we retry.\nAffects: Checkout (us.aws).",
    );
    expect(descendantsNamed(feed, "script")).toEqual([]);
  });

  it("narrows to a region, a component, or both; platform-wide notices only in the whole feed", async () => {
    const links = async (query: string) =>
      new Set(atomLinks(await fetchXml(`/feed.atom${query}`, "application/atom+xml; charset=utf-8")));
    expect(await links("?region=us.aws")).toEqual(new Set([incidentLink(ids.evil)]));
    expect(await links("?component=delivery")).toEqual(
      new Set([incidentLink(ids.resolved), maintenanceLink(ids.upcoming)]),
    );
    expect(await links("?region=eu.gcp&component=audit-log")).toEqual(new Set([maintenanceLink(ids.active)]));
    const filtered = await fetchXml("/feed.atom?component=delivery", "application/atom+xml; charset=utf-8");
    expect(childText(filtered, "title")).toBe("Bellwether status — Delivery");
    expect(childrenNamed(filtered, "link").find((l) => l.attrs.rel === "self")?.attrs.href).toBe(
      `${PUBLIC_URL}/feed.atom?component=delivery`,
    );
  });
});

describe("postmortems in the feeds", () => {
  const entriesOf = (feed: XmlNode) =>
    childrenNamed(feed, "entry").filter((e) => childText(e, "title")?.startsWith("Postmortem: "));

  it("has one Atom entry per publication, each with its own stable id, linking to the postmortem on the incident's page", async () => {
    const feed = await fetchXml("/feed.atom", "application/atom+xml; charset=utf-8");
    const entries = entriesOf(feed);
    expect(entries.map((e) => childText(e, "id"))).toEqual([
      `${incidentLink(ids.postmortem)}#postmortem-2`,
      `${incidentLink(ids.postmortem)}#postmortem-1`,
    ]);
    expect(entries.map((e) => childrenNamed(e, "link")[0]!.attrs.href)).toEqual([
      `${incidentLink(ids.postmortem)}#postmortem`,
      `${incidentLink(ids.postmortem)}#postmortem`,
    ]);
    expect(entries.map((e) => childText(e, "title"))).toEqual([
      "Postmortem: Checkout down <b>everywhere</b>",
      "Postmortem: Checkout down <b>everywhere</b>",
    ]);
    expect(entries.map((e) => Date.parse(childText(e, "updated")!))).toEqual([
      PUBLISHED[1]!.getTime(),
      PUBLISHED[0]!.getTime(),
    ]);
    const [updated, first] = entries.map((e) => childText(e, "summary")!);
    expect(first).toMatch(/^Postmortem published: Checkout failed for an hour: details/);
    expect(updated).toMatch(/^Postmortem updated \(revision 2\): /);
    expect(first).toContain("Affects: Checkout (eu.gcp).");
    expect(first).not.toContain("javascript:");
    expect(descendantsNamed(feed, "script")).toEqual([]);
    // The same again: ids do not move between renders.
    const again = entriesOf(await fetchXml("/feed.atom", "application/atom+xml; charset=utf-8")).map((e) =>
      childText(e, "id"),
    );
    expect(again).toEqual(entries.map((e) => childText(e, "id")));
  });

  it("follows the feed's filter like the incident it belongs to", async () => {
    expect(entriesOf(await fetchXml("/feed.atom?region=eu.gcp", "application/atom+xml; charset=utf-8"))).toHaveLength(
      2,
    );
    expect(entriesOf(await fetchXml("/feed.atom?region=us.aws", "application/atom+xml; charset=utf-8"))).toHaveLength(
      0,
    );
  });

  it("gives RSS items a guid per publication that is not a permalink", async () => {
    const rss = await fetchXml("/feed.rss", "application/rss+xml; charset=utf-8");
    const items = childrenNamed(childrenNamed(rss, "channel")[0]!, "item").filter((i) =>
      childText(i, "title")?.startsWith("Postmortem: "),
    );
    expect(
      items.map((i) => [childText(i, "guid"), childrenNamed(i, "guid")[0]!.attrs.isPermaLink, childText(i, "link")]),
    ).toEqual([
      [`${incidentLink(ids.postmortem)}#postmortem-2`, "false", `${incidentLink(ids.postmortem)}#postmortem`],
      [`${incidentLink(ids.postmortem)}#postmortem-1`, "false", `${incidentLink(ids.postmortem)}#postmortem`],
    ]);
  });
});

describe("/feed.rss", () => {
  it("is well-formed RSS 2.0 with the same entries, escaped the same way", async () => {
    const rss = await fetchXml("/feed.rss", "application/rss+xml; charset=utf-8");
    expect(rss.name).toBe("rss");
    const items = childrenNamed(childrenNamed(rss, "channel")[0]!, "item");
    // Six notices, the incident with a postmortem, and one item per publication of it.
    expect(items).toHaveLength(9);
    const evil = items.find((i) => childText(i, "link") === incidentLink(ids.evil))!;
    expect(childText(evil, "title")).toBe(EVIL);
    expect(childText(evil, "guid")).toBe(incidentLink(ids.evil));
    expect(new Date(childText(evil, "pubDate")!).toUTCString()).toBe(childText(evil, "pubDate"));
    const maintenance = items.find((i) => childText(i, "link") === maintenanceLink(ids.upcoming))!;
    expect(childText(maintenance, "title")).toBe("Maintenance: Upgrade; db, cache \\ now");
    expect(childText(maintenance, "description")).toContain("Scheduled, 2030-03-01 02:00 UTC to 2030-03-01 04:30 UTC.");
  });
});

/** RFC 5545 §3.1 unfolding, then the content lines. */
const icsLines = (text: string) => text.replace(/\r\n[ \t]/g, "").split("\r\n");

describe("/calendar.ics", () => {
  it("is RFC 5545: CRLF line ends, lines of at most 75 octets, one VEVENT per maintenance window kept", async () => {
    const response = await server.get("/calendar.ics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const uids = icsLines(text).filter((l) => l.startsWith("UID:"));
    // The window that ended 200 days ago is past the calendar's 90 days of history.
    expect(uids).toEqual([
      `UID:maintenance-${ids.active}@status.example.test`,
      `UID:maintenance-${ids.upcoming}@status.example.test`,
    ]);
  });

  it("escapes text, keeps UTF-8 whole across folds, and gives times in UTC", async () => {
    const text = await (await server.get("/calendar.ics?component=delivery")).text();
    const lines = icsLines(text);
    const event = lines.slice(lines.indexOf("BEGIN:VEVENT"), lines.indexOf("END:VEVENT") + 1);
    expect(event).toEqual(
      expect.arrayContaining([
        "SUMMARY:Upgrade\\; db\\, cache \\\\ now",
        "DTSTART:20300301T020000Z",
        "DTEND:20300301T043000Z",
        `URL:${maintenanceLink(ids.upcoming)}`,
        "STATUS:CONFIRMED",
        "SEQUENCE:4",
      ]),
    );
    const description = event.find((l) => l.startsWith("DESCRIPTION:"))!;
    expect(description).toBe(
      `DESCRIPTION:${LONG_DESCRIPTION.replaceAll(";", "\\;").replaceAll(",", "\\,")}\\nAffects: Delivery (eu.gcp).\\nStatus: Scheduled.\\n${maintenanceLink(ids.upcoming)}`,
    );
    expect(text).not.toContain("\uFFFD");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines).toContain("X-WR-CALNAME:Bellwether maintenance — Delivery");
  });
});

describe("badges", () => {
  async function badge(path: string): Promise<{ title: string; svg: string }> {
    const response = await server.get(path);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const svg = await response.text();
    const root = await xml.parse(svg, "image/svg+xml");
    expect(root.attrs.role).toBe("img");
    return { title: childText(root, "title")!, svg };
  }

  it("shows a component's worst status across its regions, and one region's own", async () => {
    expect((await badge("/badge/checkout.svg")).title).toBe("Checkout: major outage");
    expect((await badge("/badge/checkout/eu.gcp.svg")).title).toBe("Checkout (eu.gcp): operational");
    expect((await badge("/badge/audit-log/eu.gcp.svg")).title).toBe("Audit Log (eu.gcp): maintenance");
    // Unlike the Statuspage API, a badge can say that nothing was measured.
    expect((await badge("/badge/audit-log/us.aws.svg")).title).toBe("Audit Log (us.aws): no data");
  });

  it("draws as an image of the size it declares", async () => {
    const { svg } = await badge("/badge/checkout/us.aws.svg");
    const declared = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(await xml.imageSize(svg)).toEqual({ width: declared, height: 20 });
  });

  it("escapes a component name with markup", async () => {
    const component = await t.db.component.create({
      data: { key: "evil", name: EVIL, tier: "TIER_2", productId: catalog.products.frontend.id },
    });
    await t.db.componentRegion.create({
      data: {
        componentId: component.id,
        regionId: catalog.regions.eu.id,
        probeStatus: "partial_outage" satisfies ComponentStatus,
      },
    });
    const { title, svg } = await badge("/badge/evil/eu.gcp.svg");
    expect(title).toBe(`${EVIL} (eu.gcp): partial outage`);
    expect(svg).not.toContain("<script");
  });
});

describe("what is not there", () => {
  it.each([
    ["/feed.atom?region=mars.gcp", 'There is no region "mars.gcp". Regions: eu.gcp, us.aws.'],
    ["/feed.rss?component=teleport", 'There is no component "teleport".'],
    ["/calendar.ics?region=mars.gcp", 'There is no region "mars.gcp".'],
    ["/feed.atom?component=delivery&region=us.aws", "Delivery does not run in us.aws."],
    ["/badge/teleport.svg", 'There is no component "teleport".'],
    ["/badge/checkout/mars.gcp.svg", 'There is no region "mars.gcp".'],
    ["/badge/delivery/us.aws.svg", "Delivery does not run in us.aws."],
    ["/badge/checkout", "Badges end in .svg"],
  ])("%s is a 404 that says why", async (path, message) => {
    const response = await server.get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.error.message).toContain(message);
  });
});

describe("CORS", () => {
  it.each(["/api/v2/summary.json", "/feed.atom", "/calendar.ics", "/badge/checkout.svg"])(
    "answers the preflight for %s",
    async (path) => {
      const response = await server.get(path, {
        method: "OPTIONS",
        headers: {
          origin: "https://widget.example.org",
          "access-control-request-method": "GET",
          "access-control-request-headers": "if-none-match",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-methods")).toContain("GET");
      expect(response.headers.get("access-control-allow-headers")).toBe("if-none-match");
    },
  );

  it("does not echo a header list that is not one", async () => {
    const response = await server.get("/feed.rss", {
      method: "OPTIONS",
      headers: { origin: "https://widget.example.org", "access-control-request-headers": "x-a, <bad>" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toBeNull();
  });
});
