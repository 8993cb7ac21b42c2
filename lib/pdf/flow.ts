// Headings, paragraphs, lists and code: text that flows down the page and
// breaks onto the next one where it must.
import { COLOR, contentWidth, type Doc, ensureSpace, FONT, heightOf, SIZE, text } from "./page.ts";

const HEADING_SIZE = { 1: 15, 2: 12.5, 3: 11 } as const;
const GAP = 6;

export function drawHeading(doc: Doc, value: string, level: 1 | 2 | 3 = 2): void {
  const size = HEADING_SIZE[level];
  doc.font(FONT.bold).fontSize(size);
  // Keep a heading with at least three lines of what follows it.
  ensureSpace(doc, heightOf(doc, value, contentWidth(doc)) + 4 * SIZE.body * 1.3);
  doc.y += level === 1 ? 8 : 4;
  doc.fillColor(COLOR.accent);
  text(doc, value);
  doc.fillColor(COLOR.text);
  doc.y += GAP / 2;
}

export function drawParagraph(doc: Doc, value: string): void {
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  ensureSpace(doc, SIZE.body * 2.5);
  text(doc, value, { lineGap: 1.5 });
  doc.y += GAP;
}

const MARKER_WIDTH = 18;

/** A list item starting with this indent (once per level) is a nested line that carries its own marker. */
export const NESTED_ITEM_INDENT = "    ";

export function isNestedItem(item: string): boolean {
  return item.startsWith(NESTED_ITEM_INDENT);
}

/** Items that start with an indent are nested lines from Markdown and carry their own marker. */
export function drawList(doc: Doc, items: string[], ordered = false, start = 1): void {
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  const left = doc.page.margins.left;
  let n = start - 1;
  for (const item of items) {
    const nested = isNestedItem(item);
    const indent = nested ? ((item.length - item.trimStart().length) / NESTED_ITEM_INDENT.length) * MARKER_WIDTH : 0;
    const body = item.trimStart();
    const width = contentWidth(doc) - MARKER_WIDTH - indent;
    ensureSpace(doc, Math.min(heightOf(doc, body, width), SIZE.body * 2.5));
    const y = doc.y;
    if (!nested) text(doc, ordered ? `${++n}.` : "•", { x: left, y, width: MARKER_WIDTH, lineBreak: false });
    text(doc, body, { x: left + MARKER_WIDTH + indent, y, width, lineGap: 1.5 });
    doc.y += 2;
  }
  doc.y += GAP;
}

const CODE_PAD = 4;

/** Courier on a shaded band, drawn line by line so the band follows the code across pages. */
export function drawCode(doc: Doc, value: string): void {
  doc.font(FONT.mono).fontSize(SIZE.code);
  const left = doc.page.margins.left;
  const width = contentWidth(doc) - 2 * CODE_PAD;
  const lines = value.replace(/\n$/, "").split("\n");
  doc.y += 2;
  lines.forEach((line, index) => {
    const padTop = index === 0 ? CODE_PAD : 0;
    const padBottom = index === lines.length - 1 ? CODE_PAD : 0;
    const height = heightOf(doc, line || " ", width) + padTop + padBottom;
    ensureSpace(doc, height);
    const y = doc.y;
    doc.save().rect(left, y, contentWidth(doc), height).fill(COLOR.shade).restore();
    doc.fillColor(COLOR.text);
    text(doc, line || " ", { x: left + CODE_PAD, y: y + padTop, width });
    doc.y = y + height;
  });
  doc.y += GAP;
}
