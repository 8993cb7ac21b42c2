// The first admin of a new deployment: nobody can sign in to add them, so an
// operator with database access adds them from the command line (npm run
// users). The same input rules as the console; audited as a system change.
import type { Db } from "../db.ts";
import { recordSystemAudit } from "../audit/record.ts";
import { AppError } from "../errors.ts";
import { type AddUserInput, addUserInput } from "./add-user.ts";
import { type ConsoleUser, toConsoleUser } from "./list-users.ts";

export async function addUserFromCommandLine(db: Db, input: AddUserInput): Promise<ConsoleUser> {
  const parsed = addUserInput.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues.map((i) => i.message).join("; "));
  const data = parsed.data;
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email } }))
      throw new AppError("VALIDATION", `${data.email} is already a user.`);
    const user = await tx.user.create({ data: { email: data.email, name: data.name, role: data.role } });
    await recordSystemAudit(tx, "npm run users", {
      action: "user.add",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return toConsoleUser(user);
  });
}
