// The console must always keep one active admin, or nobody could manage users.
import type { Prisma } from "../db.ts";
import { AppError } from "../errors.ts";

/** Locks the active admins' rows, so two admins demoting each other cannot both succeed. */
export async function assertAnotherActiveAdmin(
  tx: Prisma.TransactionClient,
  userId: string,
  what: string,
): Promise<void> {
  const admins = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "User" WHERE role = 'ADMIN' AND "disabledAt" IS NULL FOR UPDATE`;
  if (admins.some((a) => a.id === userId) && admins.length <= 1) {
    throw new AppError(
      "INVALID_TRANSITION",
      `${what}: this is the last active admin. Make someone else an admin first.`,
    );
  }
}
