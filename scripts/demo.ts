// npm run demo – the whole product on this machine: its own PostgreSQL under
// .data/, migrated and seeded, the site built if needed and served.
Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { localSecret } from "../lib/server/secret.ts";

process.env.AUTH_SECRET ||= localSecret(process.env.BELLWETHER_DATA_DIR || ".data");

const { runCommand } = await import("./command.ts");
const { prepareDatabase, runNextBuild, stopOnSignal } = await import("./boot.ts");
const { buildIsStale } = await import("../lib/server/build.ts");
const { startWebServer } = await import("../lib/server/web.ts");

runCommand(async (env) => {
  if (buildIsStale()) runNextBuild();
  console.log("Starting the database…");
  const database = await prepareDatabase(env, { seedWhenEmpty: true });
  process.env.DATABASE_URL = database.url;
  let web: Awaited<ReturnType<typeof startWebServer>> | undefined;
  stopOnSignal(async () => {
    await web?.close();
    await database.stop();
  });
  try {
    web = await startWebServer({ host: env.HOST, port: env.PORT });
  } catch (error) {
    await database.stop();
    throw error;
  }
  console.log(`\nBellwether is running at ${web.url}  (Ctrl-C stops everything)\n`);
  await new Promise(() => {});
});
