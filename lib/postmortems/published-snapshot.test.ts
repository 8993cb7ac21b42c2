import { describe, expect, it } from "vitest";
import { POSTMORTEM_SECTION_KEYS, type PostmortemSections } from "../domain/postmortem-sections.ts";
import { buildPublishedSnapshot, type SnapshotSource } from "./published-snapshot.ts";
import { POSTMORTEM_SECTIONS, publishedSections, readPublishedPostmortem } from "../domain/published-postmortem.ts";

const d = (iso: string) => new Date(iso);
const empty = Object.fromEntries(POSTMORTEM_SECTION_KEYS.map((k) => [k, ""])) as PostmortemSections;

function source(overrides: Partial<SnapshotSource> = {}): SnapshotSource {
  return {
    revision: 1,
    incident: {
      id: "inc",
      title: "Checkout down",
      priority: "P1",
      startedAt: d("2026-03-02T10:00:00Z"),
      resolvedAt: d("2026-03-02T10:45:00Z"),
    },
    sections: {
      ...empty,
      summary: "Checkout *failed*.",
      impact: "40 min",
      correctiveMeasures: "- canary",
      lessonsLearned: "We got lucky.",
    },
    impactReport: null,
    timeline: [
      { at: d("2026-03-02T10:05:00Z"), source: "engineer", text: "Approved", hidden: false },
      { at: d("2026-03-02T10:00:30Z"), source: "probe", text: "First failing check", hidden: false },
      { at: d("2026-03-02T10:02:00Z"), source: "engineer", text: "Internal chatter", hidden: true },
    ],
    actionItems: [
      {
        title: "Add a canary",
        type: "prevent",
        priority: "P2",
        state: "in_progress",
        dueDate: d("2026-03-20T00:00:00Z"),
        completedAt: null,
        isPublic: true,
      },
      {
        title: "Private",
        type: "process",
        priority: "P4",
        state: "open",
        dueDate: null,
        completedAt: null,
        isPublic: false,
      },
    ],
    publishedAt: d("2026-03-04T09:00:00Z"),
    firstPublishedAt: d("2026-03-04T09:00:00Z"),
    ...overrides,
  };
}

describe("the published snapshot", () => {
  it("keeps the issue's public sections in reading order, Impact included, Lessons learned never", () => {
    expect(POSTMORTEM_SECTIONS.map((s) => s.heading)).toEqual([
      "Summary",
      "Leadup",
      "Fault",
      "Impact",
      "Detection",
      "Root cause",
      "Mitigation and resolution",
      "Corrective and preventative measures",
    ]);
    const snapshot = buildPublishedSnapshot(source());
    expect(snapshot.sections.map((s) => s.key)).toEqual(["summary", "impact", "correctiveMeasures"]);
    expect(JSON.stringify(snapshot)).not.toContain("We got lucky");
  });

  it("renders each section's Markdown to sanitised HTML once, headings below the page's", () => {
    const snapshot = buildPublishedSnapshot(
      source({ sections: { ...empty, summary: "# Big\n\n*x* <img src=x onerror=alert(1)> [a](javascript:alert(1))" } }),
    );
    const html = snapshot.sections[0]!.html;
    expect(html).toContain("<h3>Big</h3>");
    expect(html).toContain("<em>x</em>");
    expect(html).not.toMatch(/onerror|javascript:|<img/i);
  });

  it("leaves hidden entries and private action items out, oldest entry first", () => {
    const snapshot = buildPublishedSnapshot(source());
    expect(snapshot.timeline.map((e) => e.text)).toEqual(["First failing check", "Approved"]);
    expect(snapshot.actionItems).toEqual([
      {
        title: "Add a canary",
        type: "prevent",
        priority: "P2",
        state: "in_progress",
        dueDate: "2026-03-20T00:00:00.000Z",
        completedAt: null,
      },
    ]);
  });
});

describe("readPublishedPostmortem", () => {
  it("reads the current format back, with the update date after a republication", () => {
    const first = readPublishedPostmortem(buildPublishedSnapshot(source()));
    expect(first).toMatchObject({
      revision: 1,
      updatedAt: null,
      publishedAt: d("2026-03-04T09:00:00Z"),
      firstPublishedAt: d("2026-03-04T09:00:00Z"),
    });
    expect(first!.sections[0]).toMatchObject({
      key: "summary",
      heading: "Summary",
      paragraphs: ["Checkout *failed*."],
      html: "<p>Checkout <em>failed</em>.</p>",
    });
    expect(first!.timeline.map((e) => [e.source, e.text])).toEqual([
      ["probe", "First failing check"],
      ["engineer", "Approved"],
    ]);
    expect(first!.actionItems).toHaveLength(1);

    const again = readPublishedPostmortem(
      buildPublishedSnapshot(source({ revision: 2, publishedAt: d("2026-03-09T12:00:00Z") })),
    );
    expect(again).toMatchObject({
      revision: 2,
      updatedAt: d("2026-03-09T12:00:00Z"),
      firstPublishedAt: d("2026-03-04T09:00:00Z"),
    });
  });

  it("leaves out what it does not understand", () => {
    const snapshot = {
      ...buildPublishedSnapshot(source()),
      sections: [
        { key: "summary", markdown: "ok", html: "<p>ok</p>" },
        { key: "lessonsLearned", markdown: "never" },
        { key: "fault", markdown: 3 },
        "junk",
      ],
      timeline: [
        { at: "not a date", source: "probe", text: "x" },
        { at: "2026-03-02T10:00:00Z", source: "alien", text: "y" },
        { at: "2026-03-02T10:00:00Z", source: "system", text: "kept" },
      ],
      actionItems: [
        { title: "t", state: "bogus" },
        { title: "kept", state: "done", type: "??" },
      ],
    };
    const read = readPublishedPostmortem(snapshot)!;
    expect(read.sections.map((s) => s.key)).toEqual(["summary"]);
    expect(read.timeline.map((e) => e.text)).toEqual(["kept"]);
    expect(read.actionItems).toMatchObject([{ title: "kept", state: "done", type: "prevent" }]);
  });
});

describe("publishedSections (older plain-text snapshots)", () => {
  it("splits each section into paragraphs at blank lines and leaves out empty ones", () => {
    const sections = publishedSections({
      rootCause: "The primary database ran out of disk.\r\n\r\nA cleanup job had been disabled.",
      summary: "Checkout failed in us-central1 for two hours.\nOrders could not be placed.",
      leadup: "   ",
      fault: 42,
    });
    expect(sections).toEqual([
      {
        key: "summary",
        heading: "Summary",
        paragraphs: ["Checkout failed in us-central1 for two hours.\nOrders could not be placed."],
        html: null,
      },
      {
        key: "rootCause",
        heading: "Root cause",
        paragraphs: ["The primary database ran out of disk.", "A cleanup job had been disabled."],
        html: null,
      },
    ]);
  });

  it("reads sections nested under `sections` too, and gives older snapshots no timeline", () => {
    expect(publishedSections({ title: "x", sections: { detection: "Probes saw it first." } })).toEqual([
      { key: "detection", heading: "Detection", paragraphs: ["Probes saw it first."], html: null },
    ]);
    expect(readPublishedPostmortem({ summary: "x" }, { publishedAt: d("2026-01-01T00:00:00Z") })).toMatchObject({
      timeline: [],
      actionItems: [],
      revision: 0,
      updatedAt: null,
    });
  });

  it("has nothing to show for a missing or unreadable snapshot", () => {
    expect(publishedSections(null)).toBeNull();
    expect(publishedSections("summary")).toBeNull();
    expect(publishedSections([{ summary: "x" }])).toBeNull();
    expect(publishedSections({ summary: "" })).toBeNull();
    expect(readPublishedPostmortem({ sections: [] })).toBeNull();
  });
});
