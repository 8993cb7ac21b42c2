// npm run demo – the whole product on this machine: its own PostgreSQL under
// .data/ (migrated, seeded the first time), a simulated commerce platform,
// one probe agent per vantage region, and the site, built if needed. Each role
// runs in its own process (scripts/supervisor.ts); Ctrl-C stops them all.
Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { localSecret } from "./local-secret.ts";

process.env.AUTH_SECRET ||= localSecret(process.env.BELLWETHER_DATA_DIR || ".data");
// Without a real mail server, sign-in links are caught and shown at /admin/mailbox.
if (!process.env.SMTP_URL) process.env.MAIL_CATCHER ||= "true";
// The demo's webhook subscriber posts to the demo itself (/admin/mailbox/webhooks): this machine is a fine target here.
if (process.env.MAIL_CATCHER === "true") process.env.WEBHOOK_ALLOW_PRIVATE ||= "true";

const { runCommand } = await import("./command.ts");
const { prepareDatabase, runNextBuild } = await import("./boot.ts");
const { stopOnSignal } = await import("./signals.ts");
const { buildIsStale } = await import("./build-check.ts");
const { superviseRoles, watchParent } = await import("./supervisor.ts");

runCommand(async (env) => {
  const started = performance.now();
  if (buildIsStale()) runNextBuild();
  console.log("Starting the database…");
  const database = await prepareDatabase(env, { seedWhenEmpty: true });
  process.env.DATABASE_URL = database.url;
  const supervisor = await superviseRoles({
    order: [env.MAIL_CATCHER ? ["simulator", "mail"] : ["simulator"], ["web", "worker"], ["agents"]],
    env: { DATABASE_URL: database.url },
    quiet: ["worker", "agents"],
  }).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  stopOnSignal(async () => {
    await supervisor.stop();
    await database.stop();
  });
  // Orphaned (whoever started us was killed): stop as on Ctrl-C.
  watchParent(() => process.kill(process.pid, "SIGTERM"));

  const web = supervisor.ready("web")?.url;
  const processes = supervisor
    .roles()
    .map((r) => `${r.role} ${r.pid}`)
    .join(", ");
  console.log(`
Bellwether is running at ${web}   (Ctrl-C stops everything; ready in ${((performance.now() - started) / 1000).toFixed(1)} s)

  simulated platform  ${supervisor.ready("simulator")?.url}
  probe agents        ${supervisor.ready("agents")?.detail}
  console             ${web}/admin  (sign in as admin@, engineer@, account.manager@ or viewer@bellwether.test)
  ${env.MAIL_CATCHER ? `mail                no real mail is sent: sign-in links appear at ${web}/admin/mailbox` : `mail                sent through SMTP_URL`}
  processes           ${processes}

Break something and watch the page follow (confirmed after 3 rounds of 15 s):
  npm run chaos -- --component checkout --region us-central1.gcp --mode down --for 5m
  npm run chaos -- --scenario bad-deploy
  npm run chaos -- --clear
`);
  await new Promise(() => {});
});
