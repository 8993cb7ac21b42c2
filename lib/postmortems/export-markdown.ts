// Markdown export of a postmortem, internal (with Lessons learned, hidden
// entries, every action item) or public (what publishing would show).
// parsePostmortemMarkdown reads one back into its sections.
import { z } from "zod";
import type { Db } from "../db.ts";
import { type PostmortemDocument, postmortemDocument } from "../domain/postmortem-document.ts";
import { renderPostmortemMarkdown } from "../domain/postmortem-markdown.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { getPostmortemForConsole } from "./get-postmortem.ts";
import { postmortemNotFound } from "./postmortem-errors.ts";

export { parsePostmortemMarkdown } from "../domain/postmortem-markdown.ts";

export const exportPostmortemInput = z.object({
  postmortemId: z.string().trim().min(1),
  variant: z.enum(["internal", "public"]).default("internal"),
});
export type ExportPostmortemInput = z.input<typeof exportPostmortemInput>;

export interface MarkdownExport {
  filename: string;
  markdown: string;
}

/** The document both exports render; FORBIDDEN without console.read, NOT_FOUND for an unknown postmortem. */
export async function loadPostmortemDocument(
  db: Db,
  actor: Actor,
  input: ExportPostmortemInput,
  now: Date,
): Promise<{ doc: PostmortemDocument; basename: string }> {
  if (!can(actor.role, "console.read")) throw new AppError("FORBIDDEN", "Only signed-in staff export postmortems.");
  const { postmortemId, variant } = parseInput(exportPostmortemInput, input);
  const view = await getPostmortemForConsole(db, actor, { postmortemId }, { now });
  if (!view) throw postmortemNotFound();
  const day = view.incident.startedAt.toISOString().slice(0, 10);
  return { doc: postmortemDocument(view, variant), basename: `postmortem-${day}-${view.incident.id}-${variant}` };
}

export async function exportPostmortemMarkdown(
  db: Db,
  actor: Actor,
  input: ExportPostmortemInput,
  options: { now?: Date } = {},
): Promise<MarkdownExport> {
  const { doc, basename } = await loadPostmortemDocument(db, actor, input, options.now ?? new Date());
  return { filename: `${basename}.md`, markdown: renderPostmortemMarkdown(doc) };
}
