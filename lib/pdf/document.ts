// The one PDF module: postmortem exports and SLA statements describe a document
// as blocks and get A4 bytes back, drawn with pdfkit's standard fonts (no
// browser, no font files of our own). With `createdAt` set the bytes are stable.
import PDFDocument from "pdfkit";
import { type ChartInput, drawChart } from "./chart.ts";
import { drawCode, drawHeading, drawList, drawParagraph } from "./flow.ts";
import { COLOR, contentWidth, type Doc, FONT, heightOf, PAGE, rule, SIZE, text } from "./page.ts";
import { drawTable, type TableInput } from "./table.ts";
import { toWinAnsi } from "./win-ansi.ts";

export type PdfBlock =
  | { kind: "heading"; text: string; level?: 1 | 2 | 3 }
  | { kind: "paragraph"; text: string }
  /** Items beginning with NESTED_ITEM_INDENT (lib/pdf/flow.ts) are nested lines with their own marker. */
  | { kind: "list"; items: string[]; ordered?: boolean; start?: number }
  | ({ kind: "table" } & TableInput)
  | { kind: "code"; text: string }
  | ({ kind: "chart" } & ChartInput);

export interface PdfDocumentSpec {
  title: string;
  subtitle?: string;
  meta?: [label: string, value: string][];
  blocks: PdfBlock[];
  /** The PDF's CreationDate, from which pdfkit also derives the file ID: fix it and equal specs give equal bytes. */
  createdAt?: Date;
  /** Written into the PDF's Author field. */
  author?: string;
}

export async function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    bufferPages: true,
    lang: "en",
    displayTitle: true,
    info: {
      Title: toWinAnsi(spec.title),
      ...(spec.subtitle ? { Subject: toWinAnsi(spec.subtitle) } : {}),
      ...(spec.author ? { Author: toWinAnsi(spec.author) } : {}),
      Creator: "Bellwether",
      Producer: "Bellwether",
      CreationDate: spec.createdAt ?? new Date(),
    },
  });
  const bytes = collect(doc);
  drawHeader(doc, spec);
  for (const block of spec.blocks) drawBlock(doc, block);
  drawFooters(doc);
  doc.end();
  return bytes;
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

const DRAW: { [K in PdfBlock["kind"]]: (doc: Doc, block: Extract<PdfBlock, { kind: K }>) => void } = {
  heading: (doc, b) => drawHeading(doc, b.text, b.level),
  paragraph: (doc, b) => drawParagraph(doc, b.text),
  list: (doc, b) => drawList(doc, b.items, b.ordered, b.start),
  table: drawTable,
  code: (doc, b) => drawCode(doc, b.text),
  chart: drawChart,
};

function drawBlock(doc: Doc, block: PdfBlock): void {
  (DRAW[block.kind] as (doc: Doc, block: PdfBlock) => void)(doc, block);
}

const META_LABEL_WIDTH = 120;

function drawHeader(doc: Doc, spec: PdfDocumentSpec): void {
  doc.font(FONT.bold).fontSize(SIZE.title).fillColor(COLOR.text);
  text(doc, spec.title);
  if (spec.subtitle) {
    doc.font(FONT.regular).fontSize(SIZE.subtitle).fillColor(COLOR.muted);
    doc.y += 2;
    text(doc, spec.subtitle);
  }
  doc.y += 8;
  const left = doc.page.margins.left;
  for (const [label, value] of spec.meta ?? []) {
    const y = doc.y;
    doc.font(FONT.regular).fontSize(SIZE.body);
    const height = Math.max(heightOf(doc, value, contentWidth(doc) - META_LABEL_WIDTH), SIZE.body);
    doc.font(FONT.bold).fillColor(COLOR.muted);
    text(doc, label, { x: left, y, width: META_LABEL_WIDTH - 8 });
    doc.font(FONT.regular).fillColor(COLOR.text);
    text(doc, value, { x: left + META_LABEL_WIDTH, y });
    doc.y = y + height + 2;
  }
  doc.y += 4;
  rule(doc, doc.y);
  doc.y += 10;
  doc.fillColor(COLOR.text);
}

/** "Page n of m" needs m, so footers are drawn last over the buffered pages. */
function drawFooters(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    text(doc, `Page ${i - start + 1} of ${count}`, {
      x: doc.page.margins.left,
      y: doc.page.height - bottom / 2 - SIZE.small / 2,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
