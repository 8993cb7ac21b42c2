// npm run demo – the whole product on this machine: its own PostgreSQL under
// .data/ (migrated, seeded the first time), a simulated commerce platform,
// one probe agent per vantage region, and the site, built if needed.
Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { localSecret } from "./local-secret.ts";

process.env.AUTH_SECRET ||= localSecret(process.env.BELLWETHER_DATA_DIR || ".data");
// Without a real mail server, sign-in links are caught and shown at /admin/mailbox.
if (!process.env.SMTP_URL) process.env.MAIL_CATCHER ||= "true";

const path = await import("node:path");
const { runCommand } = await import("./command.ts");
const { prepareDatabase, runNextBuild } = await import("./boot.ts");
const { stopOnSignal } = await import("./signals.ts");
const { buildIsStale } = await import("./build-check.ts");
const { startWebServer } = await import("../lib/http/web.ts");
const { createDb } = await import("../lib/db.ts");
const { startMonitoringWorker } = await import("../lib/monitoring/worker.ts");
const { startNotificationSender } = await import("../lib/notifications/sender.ts");
const { startStaffMailSender } = await import("../lib/mail/staff-mail.ts");
const { mailSettingsFromEnv } = await import("../lib/mail/settings.ts");
const { ensureLocalAgents } = await import("../lib/monitoring/local-agents.ts");
const { startAgent } = await import("../probes/agent.ts");
const { startSimulator } = await import("../simulator/server.ts");
const { startMailCatcher } = await import("../lib/mail/catcher.ts");

runCommand(async (env) => {
  if (buildIsStale()) runNextBuild();
  console.log("Starting the database…");
  const database = await prepareDatabase(env, { seedWhenEmpty: true });
  process.env.DATABASE_URL = database.url;
  const db = createDb(database.url, { max: 5 });
  const stops: (() => Promise<void>)[] = [];
  stopOnSignal(async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(String(error)));
    await db.$disconnect();
    await database.stop();
  });

  try {
    const simulatorUrl = new URL(env.SIMULATOR_URL);
    const simulator = await startSimulator({ host: simulatorUrl.hostname, port: Number(simulatorUrl.port || 80) });
    stops.push(simulator.close);
    if (env.MAIL_CATCHER) {
      const catcher = await startMailCatcher({ port: env.MAIL_CATCHER_PORT, dataDir: env.BELLWETHER_DATA_DIR });
      stops.push(catcher.close);
    }
    const web = await startWebServer({ host: env.HOST, port: env.PORT, databaseUrl: database.url });
    stops.push(web.close);
    const worker = startMonitoringWorker(db, { retentionDays: env.RAW_RESULT_RETENTION_DAYS, log: () => {} });
    stops.push(worker.stop);
    const mail = mailSettingsFromEnv(env);
    if (mail)
      stops.push(
        startNotificationSender(db, { mail, log: console.log }).stop,
        startStaffMailSender(db, { mail, log: console.log }).stop,
      );
    else console.log("  No mail server (SMTP_URL): subscriber emails wait in the outbox until one is set.");
    const local = await ensureLocalAgents(db, env.BELLWETHER_DATA_DIR);
    const agents = await Promise.all(
      local.map((a) =>
        startAgent({
          server: `http://127.0.0.1:${env.PORT}`,
          token: a.token,
          expectVantage: a.vantage,
          dataDir: path.resolve(env.BELLWETHER_DATA_DIR, "probes"),
          log: () => {},
        }),
      ),
    );
    stops.push(async () => {
      await Promise.all(agents.map((a) => a.stop()));
    });

    console.log(`
Bellwether is running at ${web.url}   (Ctrl-C stops everything)

  simulated platform  ${simulator.url}
  probe agents        ${agents.map((a) => a.vantage).join(", ")}
  console             ${web.url}/admin  (sign in as admin@, engineer@, account.manager@ or viewer@bellwether.test)
  ${env.MAIL_CATCHER ? `mail                no real mail is sent: sign-in links appear at ${web.url}/admin/mailbox` : `mail                sent through SMTP_URL`}

Break something and watch the page follow (confirmed after 3 rounds of 15 s):
  npm run chaos -- --component checkout --region us-central1.gcp --mode down --for 5m
  npm run chaos -- --scenario bad-deploy
  npm run chaos -- --clear
`);
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await db.$disconnect();
    await database.stop();
    throw error;
  }
  await new Promise(() => {});
});
