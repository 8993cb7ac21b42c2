// Factories for console tests: people with a role, and signed-in sessions
// made directly in the database (what next-auth writes after a magic link).
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import type { Actor, Role } from "../../lib/domain/roles.ts";

export async function makeUser(
  db: Db,
  role: Role,
  overrides: { email?: string; disabledAt?: Date } = {},
): Promise<Actor & { name: string | null }> {
  const email = overrides.email ?? `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.com`;
  const user = await db.user.create({
    data: { email, role, name: `${role} person`, disabledAt: overrides.disabledAt ?? null },
  });
  return { id: user.id, email: user.email, role: user.role, name: user.name };
}

export async function makeSession(
  db: Db,
  userId: string,
  expires = new Date(Date.now() + 24 * 3600_000),
): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires } });
  return sessionToken;
}
