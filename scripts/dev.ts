// npm run dev – Next in development mode against the embedded (or configured)
// database, seeded when empty.
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { localSecret } from "./local-secret.ts";

process.env.AUTH_SECRET ||= localSecret(process.env.BELLWETHER_DATA_DIR || ".data");
if (!process.env.SMTP_URL) process.env.MAIL_CATCHER ||= "true";

const { runCommand } = await import("./command.ts");
const { prepareDatabase } = await import("./boot.ts");
const { stopOnSignal } = await import("./signals.ts");
const { startWebServer } = await import("../lib/http/web.ts");
const { startMailCatcher } = await import("../lib/mail/catcher.ts");

runCommand(async (env) => {
  const database = await prepareDatabase(env, { seedWhenEmpty: true });
  process.env.DATABASE_URL = database.url;
  let web: Awaited<ReturnType<typeof startWebServer>> | undefined;
  const catcher = env.MAIL_CATCHER
    ? await startMailCatcher({ port: env.MAIL_CATCHER_PORT, dataDir: env.BELLWETHER_DATA_DIR })
    : undefined;
  stopOnSignal(async () => {
    await web?.close();
    await catcher?.close();
    await database.stop();
  });
  web = await startWebServer({ host: env.HOST, port: env.PORT, dev: true });
  console.log(`Bellwether (development) at ${web.url}`);
  await new Promise(() => {});
});
