// What every timeline verb checks first: the permission, and the entry or
// postmortem it names.
import type { Prisma } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { postmortemNotFound } from "./postmortem-errors.ts";

type Tx = Pick<Prisma.TransactionClient, "timelineEntry" | "postmortem">;

export function requireTimelineWrite(actor: Actor): void {
  if (!can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins edit postmortem timelines.");
}

export async function findEntry(tx: Tx, entryId: string) {
  const entry = await tx.timelineEntry.findUnique({ where: { id: entryId } });
  if (!entry) throw new AppError("NOT_FOUND", "There is no such timeline entry.");
  return entry;
}

export async function requirePostmortem(tx: Tx, postmortemId: string): Promise<void> {
  if (!(await tx.postmortem.findUnique({ where: { id: postmortemId }, select: { id: true } })))
    throw postmortemNotFound();
}
