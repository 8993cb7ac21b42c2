// PDF export of a postmortem through lib/pdf: the same document as the Markdown export.
import type { Db } from "../db.ts";
import type { PostmortemDocument } from "../domain/postmortem-document.ts";
import type { Actor } from "../domain/roles.ts";
import { markdownToPlainBlocks } from "../markdown/render.ts";
import { type PdfBlock, type PdfDocumentSpec, renderPdf } from "../pdf/document.ts";
import { type ExportPostmortemInput, loadPostmortemDocument } from "./export-markdown.ts";

export interface PdfExport {
  filename: string;
  pdf: Buffer;
}

/** Section headings are level 1 in the PDF; a section's own Markdown headings sit below them. */
export function postmortemPdfSpec(doc: PostmortemDocument, createdAt?: Date): PdfDocumentSpec {
  const blocks: PdfBlock[] = [];
  for (const s of doc.sections)
    blocks.push(
      { kind: "heading", text: s.heading, level: 1 },
      ...markdownToPlainBlocks(s.markdown, { headingLevel: 2 }),
    );
  blocks.push({ kind: "heading", text: "Timeline", level: 1 });
  blocks.push(
    doc.timeline.rows.length > 0
      ? { kind: "table", ...doc.timeline, widths: doc.variant === "internal" ? [2.2, 1.1, 6, 1.6] : [2.2, 1.1, 7] }
      : { kind: "paragraph", text: "No entries." },
  );
  blocks.push({ kind: "heading", text: "Action items", level: 1 });
  blocks.push(
    doc.actionItems.rows.length > 0 ? { kind: "table", ...doc.actionItems } : { kind: "paragraph", text: "None." },
  );
  return {
    title: doc.title,
    subtitle: doc.variant === "internal" ? "Internal version: not for customers" : "Public version",
    meta: doc.meta.filter(([label]) => label !== "Incident"),
    blocks,
    createdAt,
  };
}

export async function exportPostmortemPdf(
  db: Db,
  actor: Actor,
  input: ExportPostmortemInput,
  options: { now?: Date } = {},
): Promise<PdfExport> {
  const now = options.now ?? new Date();
  const { doc, basename } = await loadPostmortemDocument(db, actor, input, now);
  return { filename: `${basename}.pdf`, pdf: await renderPdf(postmortemPdfSpec(doc, now)) };
}
