// Page geometry and the few drawing primitives every block shares.
import type PDFDocument from "pdfkit";
import { toWinAnsi } from "./win-ansi.ts";

export type Doc = InstanceType<typeof PDFDocument>;

export const FONT = {
  regular: "Helvetica",
  bold: "Helvetica-Bold",
  italic: "Helvetica-Oblique",
  mono: "Courier",
} as const;
export const COLOR = {
  text: "#1a1a1a",
  muted: "#5c5c5c",
  rule: "#c8c8c8",
  shade: "#f0f0f0",
  accent: "#1f4e79",
  target: "#b3261e",
} as const;
export const SIZE = { body: 10, small: 8, code: 8.5, title: 18, subtitle: 11 } as const;
/** A4 with 2 cm margins; the footer sits in the bottom margin. */
export const PAGE = { size: "A4", margin: 56.7 } as const;

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when fewer than `height` points are left on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

export function text(
  doc: Doc,
  value: string,
  options: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {},
): void {
  const { x = doc.page.margins.left, y = doc.y, ...rest } = options;
  doc.text(toWinAnsi(value), x, y, { width: contentWidth(doc) - (x - doc.page.margins.left), ...rest });
}

export function heightOf(doc: Doc, value: string, width: number, options: PDFKit.Mixins.TextOptions = {}): number {
  return doc.heightOfString(toWinAnsi(value), { width, ...options });
}

export function rule(doc: Doc, y: number, color: string = COLOR.rule): void {
  const left = doc.page.margins.left;
  doc
    .save()
    .moveTo(left, y)
    .lineTo(left + contentWidth(doc), y)
    .lineWidth(0.5)
    .strokeColor(color)
    .stroke()
    .restore();
}
