import { describe, expect, it } from "vitest";
import { overlappingText, pdfText, pdfTextItems } from "../../tests/support/pdf-text.ts";
import { markdownToPlainBlocks } from "../markdown/render.ts";
import { type PdfBlock, type PdfDocumentSpec, renderPdf } from "./document.ts";

const CREATED = new Date("2026-11-05T09:30:00Z");

const timelineRows = Array.from({ length: 70 }, (_, i) => [
  `14:${String(i % 60).padStart(2, "0")}`,
  `Entry ${i + 1}: ${"probe from eu-west saw HTTP 503 on checkout ".repeat((i % 4) + 1).trim()}`,
  i % 3 === 0 ? "probe" : "engineer",
]);
// An unbreakable run must wrap inside its cell, not spill into the next one.
timelineRows[5]![1] = `Dashboard https://grafana.example.com/d/${"abcdef0123".repeat(12)}`;
timelineRows[6]![2] = "a-very-long-source-name-without-spaces";

const everyKind: PdfBlock[] = [
  { kind: "heading", text: "Summary", level: 1 },
  { kind: "paragraph", text: "Checkout in us-central1 was down for 42 minutes. Café für 10 € – the engineer’s fix." },
  { kind: "heading", text: "Timeline", level: 2 },
  { kind: "table", columns: ["Time (UTC)", "Entry", "Source"], rows: timelineRows, widths: [1, 5, 1.2] },
  { kind: "heading", text: "Action items", level: 3 },
  { kind: "list", items: Array.from({ length: 45 }, (_, i) => `Action item number ${i + 1}`), ordered: true },
  { kind: "list", items: ["Roll back faster", "    – add a one-click rollback", "Alert on pool saturation"] },
  {
    kind: "code",
    text: "kubectl -n checkout rollout undo deploy/checkout-api\nkubectl -n checkout rollout status deploy/checkout-api",
  },
  {
    kind: "chart",
    title: "Daily availability",
    points: Array.from({ length: 30 }, (_, i) => ({
      label: `11-${String(i + 1).padStart(2, "0")}`,
      value: i === 6 ? null : 99.8 + (i % 3) * 0.1,
    })),
    min: 99,
    max: 100,
    target: 99.9,
    unit: "%",
  },
];

const spec: PdfDocumentSpec = {
  title: "Postmortem: Checkout outage in us-central1",
  subtitle: "Internal version",
  meta: [
    ["Incident", "INC-42 · P1"],
    ["Started", "2026-11-03 14:02 UTC"],
  ],
  blocks: everyKind,
  createdAt: CREATED,
};

describe("renderPdf", () => {
  it("writes every block kind where a text extractor finds it", async () => {
    const { pages, text, info } = await pdfText(await renderPdf(spec));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(info.Title).toBe(spec.title);
    for (const expected of [
      "Postmortem: Checkout outage in us-central1",
      "Internal version",
      "Incident",
      "INC-42 · P1",
      "Summary",
      "Timeline",
      "Action items",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain("Entry 1: probe from eu-west saw HTTP 503 on checkout");
    expect(text).toContain("Entry 70:");
    expect(text).toContain("1. Action item number 1");
    expect(text).toContain("45. Action item number 45");
    expect(text).toContain("– add a one-click rollback");
    expect(text).toContain("kubectl -n checkout rollout undo deploy/checkout-api");
    expect(text).toContain("Daily availability");
    expect(text).toContain("target 99.9%");
    expect(text).toContain("11-01");
    expect(text).toContain("11-30");
    for (const [i, page] of pages.entries()) expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
  });

  it("repeats the table header on every page the table continues onto", async () => {
    const table: PdfBlock = {
      kind: "table",
      columns: ["When", "What"],
      rows: Array.from({ length: 150 }, (_, i) => [`t${i}`, `row ${i}`]),
    };
    const { pages } = await pdfText(await renderPdf({ title: "T", blocks: [table], createdAt: CREATED }));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(page).toMatch(/When What t\d+ row \d+/);
    expect(pages.join(" ")).toContain("t149 row 149");
  });

  it("draws nothing over anything else", async () => {
    const pages = await pdfTextItems(await renderPdf(spec));
    for (const items of pages) expect(overlappingText(items)).toEqual([]);
  });

  it("gives identical bytes for identical specs, and other bytes for another creation date", async () => {
    const [a, b, later] = await Promise.all([
      renderPdf(spec),
      renderPdf({ ...spec }),
      renderPdf({ ...spec, createdAt: new Date("2026-11-06T00:00:00Z") }),
    ]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(later)).toBe(false);
    // The file ID is derived from the Info dictionary, not random.
    const id = (pdf: Buffer) => pdf.toString("latin1").match(/\/ID \[<([0-9a-f]+)>/)?.[1];
    expect(id(a)).toBe(id(b));
    expect(id(a)).not.toBe(id(later));
  });

  it("keeps WinAnsi characters and replaces the rest instead of crashing", async () => {
    const { text } = await pdfText(
      await renderPdf({
        title: "Ünïcödé – €",
        blocks: [{ kind: "paragraph", text: "é ü € – ’ “quoted” … ő 😀 中 tab\there" }],
        createdAt: CREATED,
      }),
    );
    expect(text).toContain("Ünïcödé – €");
    expect(text).toContain("é ü € – ’ “quoted” … o ? ? tab here");
  });

  it("survives degenerate input: no blocks, an empty table, a cell longer than a page", async () => {
    const huge = "word ".repeat(6_000);
    const pdf = await renderPdf({
      title: "Edge",
      blocks: [
        { kind: "table", columns: ["A"], rows: [] },
        { kind: "table", columns: ["A", "B"], rows: [["short", huge]] },
        { kind: "chart", title: "Empty chart", points: [] },
        { kind: "chart", title: "All unknown", points: [{ label: "d1", value: null }] },
        { kind: "list", items: [] },
        { kind: "code", text: "" },
      ],
      createdAt: CREATED,
    });
    const { pages, text } = await pdfText(pdf);
    expect(pages.length).toBeLessThanOrEqual(3);
    expect(text).toContain("Empty chart");
    expect(text).toContain("short");
    expect((await pdfText(await renderPdf({ title: "Nothing", blocks: [] }))).text).toContain("Page 1 of 1");
  });

  it("renders Markdown through the same parse as the page", async () => {
    const blocks = markdownToPlainBlocks(
      "## Root cause\n\nThe pool size was **1**, see [runbook](https://r.test/pool).\n\n| Region | Minutes |\n|---|--:|\n| us-central1 | 42 |",
    );
    const { text } = await pdfText(await renderPdf({ title: "MD", blocks, createdAt: CREATED }));
    expect(text).toContain("Root cause");
    expect(text).toContain("The pool size was 1, see runbook (https://r.test/pool).");
    expect(text).toMatch(/Region Minutes us-central1 42/);
  });
});
