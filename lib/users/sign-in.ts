// Who may sign in: an existing user who is not disabled. Nobody registers
// themselves; an admin adds people (add-user.ts).
import type { Db } from "../db.ts";
import { recordAudit } from "../audit/record.ts";
import type { Actor } from "../domain/roles.ts";

export async function findUserAllowedToSignIn(db: Db, email: string | null | undefined): Promise<Actor | null> {
  if (!email) return null;
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, role: user.role };
}

/** The audit trail says when each person signed in. */
export async function recordSignIn(db: Db, userId: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return;
  await recordAudit(
    db,
    { id: user.id, email: user.email, role: user.role },
    { action: "user.sign-in", entityType: "User", entityId: user.id },
  );
}
