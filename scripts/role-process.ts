// One role (scripts/roles.ts) in a process of its own, as scripts/supervisor.ts
// forks it: `role-process.ts <role> [--quiet]`. DATABASE_URL comes from the supervisor.
// It reports { type: "ready" } over IPC once started, and stops on SIGTERM,
// SIGINT, when the supervisor's IPC channel closes, or when it is orphaned —
// so a supervisor killed with -9 leaves nothing running.
import { logLine } from "../lib/observability/log.ts";
import { runCommand } from "./command.ts";
import { ROLE_STARTERS, ROLES, type RoleName, type RunningRole } from "./roles.ts";
import { watchParent } from "./supervisor.ts";

const STOP_TIMEOUT_MS = 8_000;

const role = process.argv[2] as RoleName;
const quiet = process.argv.includes("--quiet");
if (!(ROLES as readonly string[]).includes(role)) {
  console.error(`role-process: unknown role ${String(role)}; one of ${ROLES.join(", ")}`);
  process.exit(1);
}

let running: RunningRole | undefined;
let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
  const done = running ? running.stop() : Promise.resolve();
  done.catch((error: unknown) => console.error(`[${role}] ${String(error)}`)).finally(() => process.exit(0));
}
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, stop);
process.on("disconnect", stop);
process.on("message", (message) => {
  if (message === "stats") process.send?.({ type: "stats", stats: running?.stats?.() });
});
watchParent(stop);

runCommand(async (env) => {
  const started = await ROLE_STARTERS[role]({
    env,
    databaseUrl: env.DATABASE_URL,
    log: quiet ? () => {} : logLine,
  });
  running = started;
  if (stopping) {
    await started.stop();
    return;
  }
  process.send?.({ type: "ready", url: started.url, detail: started.detail });
  await new Promise(() => {});
});
