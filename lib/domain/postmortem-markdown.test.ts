import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DocumentSource, postmortemDocument } from "./postmortem-document.ts";
import { parsePostmortemMarkdown, renderPostmortemMarkdown } from "./postmortem-markdown.ts";
import { POSTMORTEM_SECTION_KEYS, type PostmortemSections } from "./postmortem-sections.ts";

const d = (iso: string) => new Date(iso);
const empty = Object.fromEntries(POSTMORTEM_SECTION_KEYS.map((k) => [k, ""])) as PostmortemSections;

function source(sections: Partial<PostmortemSections>): DocumentSource {
  return {
    incident: {
      id: "inc1",
      title: "Checkout | down",
      priority: "P1",
      tier: "TIER_1",
      status: "resolved",
      startedAt: d("2026-03-02T10:00:00Z"),
      resolvedAt: d("2026-03-02T10:45:00Z"),
    },
    state: "published",
    sections: { ...empty, ...sections },
    publishedAt: d("2026-03-05T09:00:00Z"),
    firstPublishedAt: d("2026-03-04T09:00:00Z"),
    owner: { name: "Alice", email: "alice@example.com" },
    timeline: [
      { at: d("2026-03-02T10:00:30Z"), source: "probe", text: "First failing check", starred: true, hidden: false },
      { at: d("2026-03-02T10:02:00Z"), source: "engineer", text: "Paged | the\nteam", starred: false, hidden: true },
    ],
    actionItems: [
      {
        title: "Add a canary",
        owner: { name: null, email: "bob@example.com" },
        dueDate: d("2026-03-20T00:00:00Z"),
        priority: "P2",
        type: "prevent",
        state: "open",
        wontDoReason: null,
        trackerUrl: "https://t.example/1",
        isPublic: true,
      },
      {
        title: "Internal cleanup",
        owner: null,
        dueDate: null,
        priority: "P4",
        type: "process",
        state: "wont_do",
        wontDoReason: "superseded",
        trackerUrl: null,
        isPublic: false,
      },
    ],
  };
}

describe("Markdown export", () => {
  it("reads back exactly the sections it wrote, internal with Lessons learned", () => {
    const sections = {
      summary: "Checkout failed.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
      rootCause: "## Summary\n\nA heading that looks like ours, and <!-- pm end --> too.",
      lessonsLearned: "We got lucky.",
    };
    const md = renderPostmortemMarkdown(postmortemDocument(source(sections), "internal"));
    expect(parsePostmortemMarkdown(md)).toEqual({ ...empty, ...sections });
    expect(md).toContain("## Lessons learned");
    expect(md).toContain("## Timeline");
    expect(md).toContain("| Time (UTC) | Source | Entry | Notes |");
    expect(md).toContain("Paged \\| the team");
    expect(md).toContain("Internal cleanup");
  });

  it("leaves Lessons learned, hidden entries and private items out of the public version", () => {
    const md = renderPostmortemMarkdown(
      postmortemDocument(source({ summary: "S", lessonsLearned: "secret lesson" }), "public"),
    );
    expect(md).not.toContain("secret lesson");
    expect(md).not.toContain("Lessons learned");
    expect(md).not.toContain("Paged");
    expect(md).not.toContain("Internal cleanup");
    expect(md).not.toContain("alice@example.com");
    expect(md).toContain("Add a canary");
    expect(md).toContain("| Updated | 5 Mar 2026 |");
    expect(parsePostmortemMarkdown(md)).toEqual({ ...empty, summary: "S" });
  });

  it("round-trips any section text", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", " ", "\n", "\r\n", "#", "|", "<", "!", "-", ">", "p", "m", "`", "é"),
    });
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(POSTMORTEM_SECTION_KEYS.map((k) => [k, text])) as Record<
            keyof PostmortemSections,
            typeof text
          >,
        ),
        (sections) => {
          const md = renderPostmortemMarkdown(postmortemDocument(source(sections), "internal"));
          const expected = Object.fromEntries(
            POSTMORTEM_SECTION_KEYS.map((k) => [k, sections[k].trim() === "" ? "" : sections[k]]),
          );
          expect(parsePostmortemMarkdown(md)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a hand-written file by its headings", () => {
    expect(
      parsePostmortemMarkdown("# X\n\n## Summary\n\nIt broke.\n\n## Root cause\n\nDisk.\n\n## Timeline\n\n| a |"),
    ).toEqual({ ...empty, summary: "It broke.", rootCause: "Disk." });
  });
});
