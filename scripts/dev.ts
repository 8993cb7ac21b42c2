// npm run dev – Next in development mode against the embedded (or configured)
// database, seeded when empty.
process.env.NEXT_TELEMETRY_DISABLED = "1";

const { runCommand } = await import("./command.ts");
const { prepareDatabase } = await import("./boot.ts");
const { stopOnSignal } = await import("./signals.ts");
const { startWebServer } = await import("../lib/server/web.ts");

runCommand(async (env) => {
  const database = await prepareDatabase(env, { seedWhenEmpty: true });
  process.env.DATABASE_URL = database.url;
  let web: Awaited<ReturnType<typeof startWebServer>> | undefined;
  stopOnSignal(async () => {
    await web?.close();
    await database.stop();
  });
  web = await startWebServer({ host: env.HOST, port: env.PORT, dev: true });
  console.log(`Bellwether (development) at ${web.url}`);
  await new Promise(() => {});
});

export {};
