// npm run db:seed – write the demo platform, people and customer (idempotent);
// with `-- --history`, also 90 days of past results, incidents and maintenance.
import { createDb } from "../lib/db.ts";
import { applyMigrations } from "../lib/database/migrate.ts";
import { provisionDatabase } from "../lib/database/provision.ts";
import { seedHistory } from "../lib/seed/seed-history.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { seedDemoStories } from "../lib/seed/seed-stories.ts";
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
      if (process.argv.includes("--history")) {
        const history = await seedHistory(db, { now: new Date() });
        console.log(
          history.seeded
            ? `seeded ${history.days} days of history: ${history.results.toLocaleString("en-US")} results, ${history.statusChanges} status changes`
            : `history not seeded: ${history.reason}`,
        );
        const stories = await seedDemoStories(db);
        console.log(
          `seeded the demo's stories: ${stories.incidents.length} new incidents, ${stories.postmortems.length} new postmortems, ${stories.statements} SLA statements`,
        );
      }
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.stop();
  }
});
