// A table that wraps cell text, breaks between rows, and repeats its header
// row on every page it continues onto.
import { COLOR, contentWidth, type Doc, FONT, heightOf, pageBottom, SIZE, text } from "./page.ts";

export interface TableInput {
  columns: string[];
  rows: string[][];
  /** Relative column widths (e.g. [1, 4]); equal when absent. */
  widths?: number[];
  align?: ("left" | "center" | "right")[];
}

const PAD = 3.5;

export function drawTable(doc: Doc, table: TableInput): void {
  const widths = columnWidths(contentWidth(doc), table);
  const header = () => drawRow(doc, table.columns, widths, table.align, true);
  doc.fontSize(SIZE.small);
  if (
    doc.y + rowHeight(doc, table.columns, widths, true) + rowHeight(doc, table.rows[0] ?? [], widths, false) >
    pageBottom(doc)
  )
    doc.addPage();
  header();
  for (const row of table.rows) {
    if (doc.y + rowHeight(doc, row, widths, false) > pageBottom(doc)) {
      doc.addPage();
      header();
    }
    drawRow(doc, row, widths, table.align, false);
  }
  doc.y += 8;
}

function columnWidths(total: number, table: TableInput): number[] {
  const weights = table.columns.map((_, i) => Math.max(table.widths?.[i] ?? 1, 0.1));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total * w) / sum);
}

/** A row never grows past one page: longer cells are cut with an ellipsis rather than lost off the page. */
function maxRowHeight(doc: Doc): number {
  return pageBottom(doc) - doc.page.margins.top - 40;
}

function rowHeight(doc: Doc, cells: string[], widths: number[], bold: boolean): number {
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(SIZE.small);
  const tallest = Math.max(SIZE.small, ...widths.map((w, i) => heightOf(doc, cells[i] ?? "", w - 2 * PAD)));
  return Math.min(tallest + 2 * PAD, maxRowHeight(doc));
}

function drawRow(doc: Doc, cells: string[], widths: number[], align: TableInput["align"], bold: boolean): void {
  const height = rowHeight(doc, cells, widths, bold);
  const y = doc.y;
  let x = doc.page.margins.left;
  if (bold) doc.save().rect(x, y, contentWidth(doc), height).fill(COLOR.shade).restore();
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(SIZE.small)
    .fillColor(COLOR.text);
  widths.forEach((width, i) => {
    const options = {
      x: x + PAD,
      y: y + PAD,
      width: width - 2 * PAD,
      height: height - 2 * PAD,
      ellipsis: true,
      align: align?.[i] ?? "left",
    };
    text(doc, cells[i] ?? "", options);
    x += width;
  });
  const left = doc.page.margins.left;
  doc
    .save()
    .moveTo(left, y + height)
    .lineTo(left + contentWidth(doc), y + height)
    .lineWidth(0.4)
    .strokeColor(COLOR.rule)
    .stroke()
    .restore();
  doc.y = y + height;
}
