// npm run db:seed – write the demo platform, people and customer (idempotent)
import { createDb } from "../lib/db.ts";
import { applyMigrations } from "../lib/database/migrate.ts";
import { provisionDatabase } from "../lib/database/provision.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { runCommand } from "./command.ts";

runCommand(async (env) => {
  const database = await provisionDatabase(env, console.log);
  try {
    await applyMigrations(database.url);
    const db = createDb(database.url, { max: 2 });
    try {
      const counts = await seedPlatform(db, { simulatorUrl: env.SIMULATOR_URL });
      console.log(
        `seeded ${counts.regions} regions, ${counts.products} products, ${counts.components} components, ` +
          `${counts.componentRegions} component-regions with ${counts.probes} probes, ${counts.users} users, ${counts.customers} customer(s)`,
      );
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.stop();
  }
});
