// PDF export of a postmortem through lib/pdf: the same document as the Markdown export.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { ExportPostmortemInput } from "./export-markdown.ts";

export interface PdfExport {
  filename: string;
  pdf: Buffer;
}

export async function exportPostmortemPdf(db: Db, actor: Actor, input: ExportPostmortemInput, options: { now?: Date } = {}): Promise<PdfExport> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
