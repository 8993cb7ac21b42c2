// The processes Bellwether runs as (DESIGN.md, "Storage and scale"): web (the
// hot path and Next), worker (evaluator, detection, cron jobs, senders), and
// for the demo the probe agents, the simulated platform and the mail catcher.
// Each starter runs one role in the calling process; scripts/supervisor.ts
// gives each its own process. Imports are lazy: a light role (the simulator)
// does not load Next or Prisma.
import path from "node:path";
import type { Env } from "../lib/env.ts";

export const ROLES = ["simulator", "mail", "web", "worker", "agents"] as const;
export type RoleName = (typeof ROLES)[number];

export interface RunningRole {
  /** Where it answers, for the banner (web, simulator). */
  url?: string;
  /** A line for the banner. */
  detail?: string;
  /** Counters a benchmark may ask for (the web role: its snapshot cache's). */
  stats?(): unknown;
  stop(): Promise<void>;
}

export interface RoleContext {
  env: Env;
  /** Required by web, worker and agents. */
  databaseUrl?: string;
  /** The worker's and agents' lines; the demo keeps them quiet. */
  log?: (line: string) => void;
}

function needDatabase(context: RoleContext, role: RoleName): string {
  if (!context.databaseUrl) throw new Error(`The ${role} role needs a database: set DATABASE_URL.`);
  return context.databaseUrl;
}

export async function startWebRole(context: RoleContext): Promise<RunningRole> {
  const { startWebServer } = await import("../lib/http/web.ts");
  const web = await startWebServer({
    host: context.env.HOST,
    port: context.env.PORT,
    databaseUrl: needDatabase(context, "web"),
  });
  return { url: web.url, stats: web.snapshotStats, stop: web.close };
}

export async function startWorkerRole(context: RoleContext): Promise<RunningRole> {
  const databaseUrl = needDatabase(context, "worker");
  const { createDb } = await import("../lib/db.ts");
  const { startMonitoringWorker } = await import("../lib/monitoring/worker.ts");
  const { startNotificationSender } = await import("../lib/notifications/sender.ts");
  const { startStaffMailSender } = await import("../lib/mail/staff-mail.ts");
  const { mailSettingsFromEnv } = await import("../lib/mail/settings.ts");
  const { env } = context;
  const { logLine } = await import("../lib/observability/log.ts");
  const log = context.log ?? logLine;
  const db = createDb(databaseUrl, { max: 5 });
  // Every worker process may start; only the one holding the lease (lib/monitoring/worker-lease.ts) works.
  const worker = startMonitoringWorker(db, {
    retentionDays: env.RAW_RESULT_RETENTION_DAYS,
    log,
    databaseUrl,
    jobSchedule: env.WORKER_JOB_SCHEDULE,
  });
  // Any number of senders may run: rows are leased with FOR UPDATE SKIP LOCKED.
  const mail = mailSettingsFromEnv(env);
  // The subscriber sender runs without SMTP too: webhooks go out, email rows wait for a mail server.
  const senders = [
    startNotificationSender(db, { mail, log }),
    ...(mail ? [startStaffMailSender(db, { mail, log })] : []),
  ];
  return {
    detail: mail
      ? "evaluator, detection, jobs, senders"
      : "evaluator, detection, jobs, webhooks (no SMTP_URL: email waits)",
    async stop() {
      for (const sender of senders) await sender.stop();
      await worker.stop();
      await db.$disconnect();
    },
  };
}

/** One probe agent per vantage region, with the tokens the demo keeps beside its data. */
export async function startAgentsRole(context: RoleContext): Promise<RunningRole> {
  const { createDb } = await import("../lib/db.ts");
  const { ensureLocalAgents } = await import("../lib/monitoring/local-agents.ts");
  const { startAgent } = await import("../probes/agent.ts");
  const { env } = context;
  const db = createDb(needDatabase(context, "agents"), { max: 1 });
  const local = await ensureLocalAgents(db, env.BELLWETHER_DATA_DIR).finally(() => db.$disconnect());
  const agents = await Promise.all(
    local.map((a) =>
      startAgent({
        server: `http://127.0.0.1:${env.PORT}`,
        token: a.token,
        expectVantage: a.vantage,
        dataDir: path.resolve(env.BELLWETHER_DATA_DIR, "probes"),
        log: context.log ?? (() => {}),
      }),
    ),
  );
  return {
    detail: agents.map((a) => a.vantage).join(", "),
    async stop() {
      await Promise.all(agents.map((a) => a.stop()));
    },
  };
}

export async function startSimulatorRole(context: RoleContext): Promise<RunningRole> {
  const { startSimulator } = await import("../simulator/server.ts");
  const address = new URL(context.env.SIMULATOR_URL);
  const port = Number(address.port || (address.protocol === "https:" ? 443 : 80));
  const simulator = await startSimulator({ host: address.hostname.replace(/^\[(.*)\]$/, "$1"), port });
  return { url: simulator.url, stop: simulator.close };
}

/** The demo's SMTP catcher: sign-in links appear at /admin/mailbox. */
export async function startMailRole(context: RoleContext): Promise<RunningRole> {
  const { startMailCatcher } = await import("../lib/mail/catcher.ts");
  const catcher = await startMailCatcher({
    port: context.env.MAIL_CATCHER_PORT,
    dataDir: context.env.BELLWETHER_DATA_DIR,
  });
  return { detail: `SMTP on 127.0.0.1:${catcher.port}`, stop: catcher.close };
}

export const ROLE_STARTERS: Readonly<Record<RoleName, (context: RoleContext) => Promise<RunningRole>>> = {
  simulator: startSimulatorRole,
  mail: startMailRole,
  web: startWebRole,
  worker: startWorkerRole,
  agents: startAgentsRole,
};

/**
 * A whole replica — web and worker — in the calling process: for tests that
 * start several replicas on one database. `npm start` runs the two as
 * separate processes instead (scripts/supervisor.ts).
 */
export async function startReplica(context: RoleContext): Promise<RunningRole> {
  const worker = await startWorkerRole(context);
  try {
    const web = await startWebRole(context);
    return {
      url: web.url,
      async stop() {
        await web.stop();
        await worker.stop();
      },
    };
  } catch (error) {
    await worker.stop();
    throw error;
  }
}
