// npm run users -- add --email <address> --role ADMIN|ENGINEER|ACCOUNT_MANAGER|VIEWER [--name <name>]
// npm run users -- list
// For the first admin of a deployment; after that, admins add people in the console (Users).
import { parseArgs } from "node:util";
import { createDb } from "../lib/db.ts";
import { applyMigrations } from "../lib/database/migrate.ts";
import { provisionDatabase } from "../lib/database/provision.ts";
import { addUserFromCommandLine } from "../lib/users/add-user-from-command-line.ts";
import { runCommand } from "./command.ts";

runCommand(async (env) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
  });
  const verb = positionals[0] ?? "list";
  if (verb !== "add" && verb !== "list") throw new Error(`users: unknown command ${verb}; use add or list`);
  if (verb === "add" && (!values.email || !values.role))
    throw new Error("users add: give --email <address> and --role ADMIN|ENGINEER|ACCOUNT_MANAGER|VIEWER");
  const database = await provisionDatabase(env);
  await applyMigrations(database.url);
  const db = createDb(database.url, { max: 2 });
  try {
    if (verb === "add") {
      const user = await addUserFromCommandLine(db, {
        email: values.email!,
        role: values.role as "ADMIN",
        name: values.name,
      });
      console.log(`Added ${user.email} as ${user.role}. They sign in at ${env.PUBLIC_URL}/admin with a link by email.`);
    } else {
      for (const u of await db.user.findMany({ orderBy: { email: "asc" } }))
        console.log(`${u.email.padEnd(40)} ${u.role.padEnd(16)} ${u.disabledAt ? "disabled" : ""}`);
    }
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
