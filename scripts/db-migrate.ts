// npm run db:migrate            – apply pending migrations
// npm run db:migration -- NAME  – write a migration for schema changes, then apply it
import { createMigration, applyMigrations } from "../lib/database/migrate.ts";
import { provisionDatabase } from "../lib/database/provision.ts";
import { runCommand } from "./command.ts";

runCommand(async (env) => {
  const [verb, name] = process.argv.slice(2);
  const database = await provisionDatabase(env, console.log);
  try {
    if (verb === "create") {
      if (!name || !/^[a-z0-9_]+$/.test(name))
        throw new Error("Name the migration in snake_case: npm run db:migration -- add_probe_tags");
      const created = await createMigration(database.url, name);
      console.log(
        created ? `created and applied prisma/migrations/${created}` : "The schema has no changes to migrate.",
      );
    } else {
      const applied = await applyMigrations(database.url);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "The database is up to date.");
    }
  } finally {
    await database.stop();
  }
});
