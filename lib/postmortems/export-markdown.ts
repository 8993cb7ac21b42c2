// Markdown export of a postmortem, internal (with Lessons learned and hidden
// entries) or public (what publishing would show). parsePostmortemMarkdown
// reads one back into its sections.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { PostmortemSections } from "../domain/postmortem-sections.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";

export const exportPostmortemInput = z.object({
  postmortemId: z.string().trim().min(1),
  variant: z.enum(["internal", "public"]).default("internal"),
});
export type ExportPostmortemInput = z.input<typeof exportPostmortemInput>;

export interface MarkdownExport {
  filename: string;
  markdown: string;
}

export async function exportPostmortemMarkdown(db: Db, actor: Actor, input: ExportPostmortemInput, options: { now?: Date } = {}): Promise<MarkdownExport> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}

/** The sections of an exported document (those it has; others are ""). */
export function parsePostmortemMarkdown(markdown: string): PostmortemSections {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
