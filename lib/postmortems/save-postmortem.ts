// Save an engineer's sections. The version they edited must still be current;
// otherwise CONFLICT carries the current postmortem and nothing is written.
import { z } from "zod";
import type { Db } from "../db.ts";
import { MAX_SECTION_CHARS } from "../domain/postmortem-sections.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { PostmortemView } from "./types.ts";

const section = z.string().max(MAX_SECTION_CHARS, `Keep a section under ${MAX_SECTION_CHARS.toLocaleString("en")} characters.`).optional();

/** Sections left out stay as they are. */
export const savePostmortemInput = z.object({
  postmortemId: z.string().trim().min(1),
  expectedVersion: z.number().int().min(0),
  summary: section,
  leadup: section,
  fault: section,
  impact: section,
  detection: section,
  rootCause: section,
  mitigation: section,
  correctiveMeasures: section,
  lessonsLearned: section,
});
export type SavePostmortemInput = z.input<typeof savePostmortemInput>;

export async function savePostmortem(db: Db, actor: Actor, input: SavePostmortemInput, options: { now?: Date } = {}): Promise<PostmortemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
