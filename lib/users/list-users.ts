// The people who may use the console, for the admin's users page.
import type { Db } from "../db.ts";
import type { Role } from "../domain/roles.ts";

export interface ConsoleUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
}

export function toConsoleUser(user: ConsoleUser): ConsoleUser {
  const { id, email, name, role, disabledAt, createdAt } = user;
  return { id, email, name, role, disabledAt, createdAt };
}

const ROLE_ORDER: Record<Role, number> = { ADMIN: 0, ENGINEER: 1, ACCOUNT_MANAGER: 2, VIEWER: 3 };

/** Active people first, then by role, then by email. */
export async function listUsers(db: Db): Promise<ConsoleUser[]> {
  const users = await db.user.findMany({
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
  });
  return users.sort(
    (a, b) =>
      Number(a.disabledAt !== null) - Number(b.disabledAt !== null) ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      a.email.localeCompare(b.email),
  );
}
