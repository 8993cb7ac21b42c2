// An admin adds a person to the console (there is no self-registration):
// the user row and its audit entry in one transaction.
import { z } from "zod";
import type { Db } from "../db.ts";
import { type Actor, ROLE_LABEL } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record.ts";
import { assertMayManageUsers } from "./permission.ts";
import { type ConsoleUser, toConsoleUser } from "./list-users.ts";

export const ROLES = ["ADMIN", "ENGINEER", "ACCOUNT_MANAGER", "VIEWER"] as const;

export const addUserInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter an email address such as name@example.com").max(254, "At most 254 characters")),
  name: z
    .string()
    .trim()
    .max(100, "At most 100 characters")
    .optional()
    .transform((v) => v || null),
  role: z.enum(ROLES, { error: `Choose one of: ${ROLES.map((r) => ROLE_LABEL[r]).join(", ")}` }),
});

export type AddUserInput = z.input<typeof addUserInput>;

export async function addUser(db: Db, actor: Actor, input: AddUserInput): Promise<ConsoleUser> {
  assertMayManageUsers(actor);
  const data = addUserInput.parse(input);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: data.email } });
    if (existing)
      throw new AppError("VALIDATION", "That person is already a user.", {
        fields: { email: [`${data.email} is already a user`] },
      });
    const user = await tx.user.create({ data: { email: data.email, name: data.name, role: data.role } });
    await recordAudit(tx, actor, {
      action: "user.add",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return toConsoleUser(user);
  });
}
