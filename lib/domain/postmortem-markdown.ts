// The Markdown export of a postmortem document, and reading one back. Each
// section sits between comment markers whose boundary appears nowhere in the
// text, so any section — even one with "## Summary" in it — comes back as written.
import type { PostmortemDocument } from "./postmortem-document.ts";
import {
  POSTMORTEM_SECTION_DEFINITIONS,
  POSTMORTEM_SECTION_KEYS,
  type PostmortemSectionKey,
  type PostmortemSections,
} from "./postmortem-sections.ts";

const MAGIC = "bellwether-postmortem";

/** A table cell on one line, with pipes escaped. */
function cell(text: string): string {
  const flat = text
    .replace(/\r\n?|\n/g, " ")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .trim();
  return flat === "" ? " " : flat;
}

function table(columns: string[], rows: string[][]): string[] {
  return [
    `| ${columns.map(cell).join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

function boundaryFor(texts: readonly string[]): string {
  for (let n = 0; ; n++) {
    const boundary = `pm${n === 0 ? "" : n}`;
    if (!texts.some((t) => t.includes(`<!-- ${boundary} `))) return boundary;
  }
}

export function renderPostmortemMarkdown(doc: PostmortemDocument): string {
  const boundary = boundaryFor(doc.sections.map((s) => s.markdown));
  const lines = [
    `<!-- ${MAGIC} boundary=${boundary} variant=${doc.variant} -->`,
    `# ${doc.title.replace(/\r\n?|\n/g, " ")}`,
    "",
    ...table(["", ""], doc.meta),
    "",
  ];
  for (const s of doc.sections) {
    lines.push(
      `<!-- ${boundary} section=${s.key} -->`,
      `## ${s.heading}`,
      "",
      s.markdown,
      `<!-- ${boundary} end -->`,
      "",
    );
  }
  lines.push(
    "## Timeline",
    "",
    ...(doc.timeline.rows.length > 0 ? table(doc.timeline.columns, doc.timeline.rows) : ["No entries."]),
    "",
  );
  lines.push(
    "## Action items",
    "",
    ...(doc.actionItems.rows.length > 0 ? table(doc.actionItems.columns, doc.actionItems.rows) : ["None."]),
    "",
  );
  return lines.join("\n");
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function emptySections(): PostmortemSections {
  return Object.fromEntries(POSTMORTEM_SECTION_KEYS.map((k) => [k, ""])) as PostmortemSections;
}

/** Without markers (a hand-written file): each known "## Heading" starts a section that runs to the next "## ". */
function parseByHeadings(markdown: string, sections: PostmortemSections): PostmortemSections {
  const byHeading = new Map(POSTMORTEM_SECTION_DEFINITIONS.map((s) => [s.heading.toLowerCase(), s.key]));
  let current: PostmortemSectionKey | null = null;
  const lines: Partial<Record<PostmortemSectionKey, string[]>> = {};
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^## (.+?)\s*$/.exec(line);
    if (heading) {
      current = byHeading.get(heading[1]!.toLowerCase()) ?? null;
      if (current) lines[current] = [];
      continue;
    }
    if (current) lines[current]!.push(line);
  }
  for (const [key, text] of Object.entries(lines) as [PostmortemSectionKey, string[]][])
    sections[key] = text.join("\n").trim();
  return sections;
}

/** The sections of an exported document (those it has; others are ""). */
export function parsePostmortemMarkdown(markdown: string): PostmortemSections {
  const sections = emptySections();
  const head = new RegExp(`^<!-- ${MAGIC} boundary=(\\S+)`).exec(markdown);
  if (!head) return parseByHeadings(markdown, sections);
  const b = escapeRegExp(head[1]!);
  const pattern = new RegExp(`<!-- ${b} section=(\\w+) -->\\n## [^\\n]*\\n\\n([\\s\\S]*?)\\n<!-- ${b} end -->`, "g");
  for (const match of markdown.matchAll(pattern)) {
    const key = match[1] as PostmortemSectionKey;
    if ((POSTMORTEM_SECTION_KEYS as readonly string[]).includes(key)) sections[key] = match[2]!;
  }
  return sections;
}
