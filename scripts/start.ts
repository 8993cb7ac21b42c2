// npm start – serve the built site in production: the web role and the worker
// role (scripts/roles.ts) as two processes under one supervisor, so readers
// never wait behind the worker. Uses DATABASE_URL, or the embedded PostgreSQL
// when it is not set; applies pending migrations first.
// npm start -- --role web|worker – one role in this process, for a deployment
// that runs the roles on separate machines (its process manager restarts it).
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED = "1";

import { parseArgs } from "node:util";
import { z } from "zod";

const { runCommand } = await import("./command.ts");
const { prepareDatabase } = await import("./boot.ts");
const { stopOnSignal } = await import("./signals.ts");
const { buildIsStale } = await import("./build-check.ts");
const { ROLE_STARTERS } = await import("./roles.ts");
const { superviseRoles, watchParent } = await import("./supervisor.ts");

const argsSchema = z.object({ role: z.enum(["web", "worker"]).optional() });

runCommand(async (env) => {
  const parsed = argsSchema.safeParse(parseArgs({ options: { role: { type: "string" } } }).values);
  if (!parsed.success) throw new Error("start: --role takes web or worker (or leave it out to run both)");
  const { role } = parsed.data;
  // The catcher's mailbox holds sign-in links; it is for the demo and development, never a served site.
  if (env.MAIL_CATCHER)
    throw new Error(
      "MAIL_CATCHER is for `npm run demo` and `npm run dev`; `npm start` refuses it. Set SMTP_URL to a mail server.",
    );
  if (role !== "worker" && buildIsStale()) throw new Error("There is no up-to-date build: run `npm run build` first.");
  const database = await prepareDatabase(env, { seedWhenEmpty: false });
  process.env.DATABASE_URL = database.url;
  if (!env.SMTP_URL) console.warn("SMTP_URL is not set: nobody can receive a sign-in link until it is.");

  if (role) {
    let running: Awaited<ReturnType<(typeof ROLE_STARTERS)["web"]>> | undefined;
    stopOnSignal(async () => {
      await running?.stop();
      await database.stop();
    });
    try {
      running = await ROLE_STARTERS[role]({ env, databaseUrl: database.url });
    } catch (error) {
      await database.stop();
      throw error;
    }
    console.log(
      role === "web" ? `Bellwether (web) is serving at ${running.url}` : `Bellwether (worker): ${running.detail}`,
    );
  } else {
    const supervisor = await superviseRoles({ order: [["web", "worker"]], env: { DATABASE_URL: database.url } }).catch(
      async (error: unknown) => {
        await database.stop();
        throw error;
      },
    );
    stopOnSignal(async () => {
      await supervisor.stop();
      await database.stop();
    });
    // Orphaned (whoever started us was killed): stop as on Ctrl-C.
    watchParent(() => process.kill(process.pid, "SIGTERM"));
    const pids = supervisor
      .roles()
      .map((r) => `${r.role} ${r.pid}`)
      .join(", ");
    console.log(`Bellwether is serving at ${supervisor.ready("web")?.url}  (processes: ${pids})`);
  }
  await new Promise(() => {});
});
