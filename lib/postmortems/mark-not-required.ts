// A P3/P4 incident's postmortem judged unnecessary, with the reason.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";

export const markNotRequiredInput = z.object({
  incidentId: z.string().trim().min(1),
  reason: z.string().trim().min(1, "Say why no postmortem is needed.").max(2_000),
});
export type MarkNotRequiredInput = z.input<typeof markNotRequiredInput>;

/** Creates an empty postmortem row to carry the mark when there is none yet; returns its id. */
export async function markNotRequired(db: Db, actor: Actor, input: MarkNotRequiredInput, options: { now?: Date } = {}): Promise<{ postmortemId: string }> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
