// The text a PDF reader would extract (pdf.js through unpdf), for asserting
// what an exported PDF says. Whitespace is collapsed so wrapped lines still match.
import { extractText, getDocumentProxy } from "unpdf";

export interface PdfText {
  /** Every page's text, whitespace collapsed. */
  pages: string[];
  /** All pages joined with a space. */
  text: string;
  /** The Info dictionary (Title, Author, CreationDate…). */
  info: Record<string, unknown>;
}

export async function pdfText(pdf: Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of the bytes it is given, so it gets a copy.
  const document = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { text } = await extractText(document, { mergePages: false });
    const pages = text.map((page) => page.replace(/\s+/g, " ").trim());
    const { info } = await document.getMetadata();
    return { pages, text: pages.join(" "), info: info as Record<string, unknown> };
  } finally {
    await document.cleanup();
  }
}

export interface PdfTextItem {
  text: string;
  /** Left, bottom, right, top in points, origin at the page's bottom left. */
  box: [number, number, number, number];
}

/** Each page's text runs with their boxes, to check that nothing is drawn over anything else. */
export async function pdfTextItems(pdf: Uint8Array): Promise<PdfTextItem[][]> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      const items = content.items.flatMap((item) => {
        if (!("str" in item) || !item.str.trim()) return [];
        const [, , , , x, y] = item.transform as number[];
        return [{ text: item.str, box: [x!, y!, x! + item.width, y! + item.height] as PdfTextItem["box"] }];
      });
      pages.push(items);
    }
    return pages;
  } finally {
    await document.cleanup();
  }
}

/** Pairs of text runs on one page whose boxes overlap by more than `tolerance` points each way. */
export function overlappingText(items: PdfTextItem[], tolerance = 0.5): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i]!.box, items[j]!.box];
      const dx = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
      const dy = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      if (dx > tolerance && dy > tolerance) found.push([items[i]!.text, items[j]!.text]);
    }
  }
  return found;
}
