// npm start – serve the built site in production. Uses DATABASE_URL, or the
// embedded PostgreSQL when it is not set; applies pending migrations first.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED = "1";

const { runCommand } = await import("./command.ts");
const { prepareDatabase } = await import("./boot.ts");
const { stopOnSignal } = await import("./signals.ts");
const { buildIsStale } = await import("./build-check.ts");
const { startWebServer } = await import("../lib/http/web.ts");
const { createDb } = await import("../lib/db.ts");
const { startMonitoringWorker } = await import("../lib/monitoring/worker.ts");
const { startNotificationSender } = await import("../lib/notifications/sender.ts");
const { startStaffMailSender } = await import("../lib/mail/staff-mail.ts");
const { mailSettingsFromEnv } = await import("../lib/mail/settings.ts");

runCommand(async (env) => {
  // The catcher's mailbox holds sign-in links; it is for the demo and development, never a served site.
  if (env.MAIL_CATCHER)
    throw new Error(
      "MAIL_CATCHER is for `npm run demo` and `npm run dev`; `npm start` refuses it. Set SMTP_URL to a mail server.",
    );
  if (buildIsStale()) throw new Error("There is no up-to-date build: run `npm run build` first.");
  const database = await prepareDatabase(env, { seedWhenEmpty: false });
  process.env.DATABASE_URL = database.url;
  const db = createDb(database.url, { max: 5 });
  // Every replica starts a worker; only the one holding the lease (lib/monitoring/worker-lease.ts) works.
  const worker = startMonitoringWorker(db, {
    retentionDays: env.RAW_RESULT_RETENTION_DAYS,
    log: console.log,
    databaseUrl: database.url,
    jobSchedule: env.WORKER_JOB_SCHEDULE,
  });
  // Any number of replicas may run a sender: rows are leased with FOR UPDATE SKIP LOCKED.
  const mail = mailSettingsFromEnv(env);
  const sender = mail ? startNotificationSender(db, { mail, log: console.log }) : null;
  const staffSender = mail ? startStaffMailSender(db, { mail, log: console.log }) : null;
  if (!sender) console.log("No mail server (SMTP_URL): subscriber emails wait in the outbox until one is set.");
  let web: Awaited<ReturnType<typeof startWebServer>> | undefined;
  if (!env.SMTP_URL) console.warn("SMTP_URL is not set: nobody can receive a sign-in link until it is.");
  stopOnSignal(async () => {
    await web?.close();
    await sender?.stop();
    await staffSender?.stop();
    await worker.stop();
    await db.$disconnect();
    await database.stop();
  });
  try {
    web = await startWebServer({ host: env.HOST, port: env.PORT, databaseUrl: database.url });
  } catch (error) {
    await sender?.stop();
    await staffSender?.stop();
    await worker.stop();
    await database.stop();
    throw error;
  }
  console.log(`Bellwether is serving at ${web.url}`);
  await new Promise(() => {});
});

export {};
