// What `demo`, `start` and `dev` share: a database that is reachable,
// migrated and (for the demo) seeded, and a clean shutdown on Ctrl-C.
import { spawnSync } from "node:child_process";
import { createDb } from "../lib/db.ts";
import { applyMigrations } from "../lib/database/migrate.ts";
import { type ProvisionedDatabase, provisionDatabase } from "../lib/database/provision.ts";
import type { Env } from "../lib/env.ts";
import { seedDemoEarlyWarning } from "../lib/seed/seed-early-warning.ts";
import { seedHistory } from "../lib/seed/seed-history.ts";
import { isEmpty, seedPlatform } from "../lib/seed/seed-platform.ts";
import { seedDemoStories } from "../lib/seed/seed-stories.ts";
import { seedDemoWebhook } from "../lib/seed/seed-webhook.ts";

/** `history` (default true): with the seed, write 90 days of past results and incidents. */
export async function prepareDatabase(
  env: Env,
  options: { seedWhenEmpty: boolean; history?: boolean },
): Promise<ProvisionedDatabase> {
  const database = await provisionDatabase(env, (line) => console.log(`  ${line}`));
  try {
    const applied = await applyMigrations(database.url);
    if (applied.length) console.log(`  applied migrations: ${applied.join(", ")}`);
    if (options.seedWhenEmpty) {
      const db = createDb(database.url, { max: 2 });
      try {
        if (await isEmpty(db)) {
          const counts = await seedPlatform(db, { simulatorUrl: env.SIMULATOR_URL });
          console.log(
            `  seeded the demo platform: ${counts.componentRegions} component-regions in ${counts.regions} regions`,
          );
          if (options.history ?? true) {
            console.log("  seeding 90 days of history through the ingest path (first start only, about a minute)…");
            const started = performance.now();
            const history = await seedHistory(db, { now: new Date() });
            const seconds = ((performance.now() - started) / 1000).toFixed(1);
            if (history.seeded)
              console.log(
                `  seeded ${history.days} days of history: ${history.results.toLocaleString("en-US")} results in ${seconds} s`,
              );
          }
        }
        // Every start: an existing .data/ gains stories added since it was seeded.
        if (options.history ?? true) {
          const stories = await seedDemoStories(db);
          if (stories.incidents.length || stories.postmortems.length || stories.statements) {
            console.log(
              `  seeded the demo's stories: ${stories.incidents.length} incidents, ${stories.postmortems.length} postmortems, ${stories.statements} SLA statements`,
            );
          }
          if (await seedDemoEarlyWarning(db, new Date()))
            console.log("  seeded the demo's past early warning: /admin/early-warnings");
          // After the stories: its first delivery is the latest of their incidents.
          if (env.MAIL_CATCHER && (await seedDemoWebhook(db, env.PUBLIC_URL)))
            console.log("  seeded the demo's webhook subscriber: its deliveries appear at /admin/mailbox/webhooks");
        }
      } finally {
        await db.$disconnect();
      }
    }
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
}

export function runNextBuild(): void {
  console.log("Building the site (first run or sources changed)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
}
