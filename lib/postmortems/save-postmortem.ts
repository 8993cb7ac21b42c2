// Save an engineer's sections. The version they edited must still be current;
// otherwise CONFLICT carries the current postmortem and nothing is written.
// Editing an approved or published postmortem sends it back to review; a
// published one keeps its snapshot until it is published again.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { stateAfterEdit } from "../domain/postmortem-review.ts";
import {
  MAX_SECTION_CHARS,
  POSTMORTEM_SECTION_KEYS,
  type PostmortemSectionKey,
} from "../domain/postmortem-sections.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput, storableText } from "../parse-input.ts";
import { loadPostmortemView } from "./get-postmortem.ts";
import { postmortemNotFound } from "./postmortem-errors.ts";
import { claimPostmortemVersion, postmortemConflict } from "./postmortem-version.ts";
import type { PostmortemView } from "./types.ts";

const section = storableText(
  z.string().max(MAX_SECTION_CHARS, `Keep a section under ${MAX_SECTION_CHARS.toLocaleString("en")} characters.`),
).optional();

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

export async function savePostmortem(
  db: Db,
  actor: Actor,
  input: SavePostmortemInput,
  options: { now?: Date } = {},
): Promise<PostmortemView> {
  if (!can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins write postmortems.");
  const data = parseInput(savePostmortemInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.postmortem.findUnique({ where: { id: data.postmortemId } });
    if (!before) throw postmortemNotFound();
    if (before.version !== data.expectedVersion) throw await postmortemConflict(tx, actor, data.postmortemId, now);
    if (!(await claimPostmortemVersion(tx, data.postmortemId, data.expectedVersion)))
      throw await postmortemConflict(tx, actor, data.postmortemId, now);

    const changed = POSTMORTEM_SECTION_KEYS.filter((key) => data[key] !== undefined && data[key] !== before[key]);
    if (changed.length > 0) {
      const state = stateAfterEdit(before.state);
      const sections = Object.fromEntries(changed.map((key) => [key, data[key]!])) as Partial<
        Record<PostmortemSectionKey, string>
      >;
      await tx.postmortem.update({
        where: { id: data.postmortemId },
        data: {
          ...sections,
          ...(state !== before.state ? { state, approvedAt: null, reviewerId: null, submittedAt: now } : {}),
        },
      });
      await recordAudit(tx, actor, {
        action: "postmortem.save",
        entityType: "Postmortem",
        entityId: data.postmortemId,
        before: {
          state: before.state,
          version: before.version,
          ...Object.fromEntries(changed.map((key) => [key, before[key]])),
        },
        after: { state, version: before.version + 1, ...sections },
      });
    }
    return (await loadPostmortemView(tx, actor, { postmortemId: data.postmortemId }, now))!;
  });
}
