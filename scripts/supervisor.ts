// One command, several processes: each role (scripts/roles.ts) runs in its own
// child (scripts/role-process.ts), so readers never wait behind the worker and
// probes never time their checks on a loop that serves readers. The
// supervisor starts the roles in order, restarts one that dies (with backoff),
// and stops them all together. Each child leads its own process group, which
// is signalled as a whole; a child whose supervisor vanishes (kill -9) sees
// its IPC channel close and stops by itself.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RoleName } from "./roles.ts";

const ROLE_PROCESS = fileURLToPath(new URL("./role-process.ts", import.meta.url));

/** First restart after this long, doubling up to RESTART_MAX_MS; back to the first after a good run. */
export const RESTART_MIN_MS = 500;
export const RESTART_MAX_MS = 30_000;
/** A child that ran this long before dying counts as having been healthy: its next restart is quick again. */
export const HEALTHY_RUN_MS = 60_000;
/** How long a role gets to stop cleanly before its process group is killed. */
export const STOP_GRACE_MS = 10_000;

export interface RoleReady {
  type: "ready";
  url?: string;
  detail?: string;
}

interface Child {
  role: RoleName;
  process?: ChildProcess;
  ready?: RoleReady;
  /** Became ready at least once: from then on it is restarted whenever it dies. */
  everReady?: boolean;
  startedAt: number;
  restartDelay: number;
  restartTimer?: NodeJS.Timeout;
  restarts: number;
}

export interface SupervisedRole {
  role: RoleName;
  pid: number | undefined;
  ready?: RoleReady;
  restarts: number;
}

export interface Supervisor {
  roles(): SupervisedRole[];
  /** The role's answer once it is ready (its URL, a line for the banner). */
  ready(role: RoleName): RoleReady | undefined;
  /** The role's counters (RunningRole.stats), asked over IPC. */
  stats<T>(role: RoleName): Promise<T | undefined>;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Started in this order, each once the one before is ready; a list inside is started side by side. */
  order: readonly (RoleName | readonly RoleName[])[];
  /** Added to each child's environment (DATABASE_URL, PORT …). */
  env?: Record<string, string>;
  /** Roles whose routine lines are not printed (the demo's worker and agents). */
  quiet?: readonly RoleName[];
  log?: (line: string) => void;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts the roles; rejects (having stopped those already started) when one fails before it is ready. */
export async function superviseRoles(options: SupervisorOptions): Promise<Supervisor> {
  const log = options.log ?? ((line: string) => console.log(`[supervisor] ${line}`));
  const children = new Map<RoleName, Child>();
  let stopping = false;

  const spawnRole = (child: Child): Promise<RoleReady> => {
    const proc = fork(ROLE_PROCESS, [child.role, ...(options.quiet?.includes(child.role) ? ["--quiet"] : [])], {
      detached: true,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, ...options.env },
    });
    child.process = proc;
    child.startedAt = Date.now();
    child.ready = undefined;
    return new Promise<RoleReady>((resolve, reject) => {
      proc.on("message", (message: RoleReady) => {
        if (message?.type !== "ready") return;
        child.ready = message;
        child.everReady = true;
        resolve(message);
      });
      proc.once("exit", (code, signal) => {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (!child.ready) reject(new Error(`The ${child.role} role stopped before it was ready (${how}); see above.`));
        if (stopping || !child.everReady) return;
        // It was serving and died: start it again, later each time it dies young.
        const ranFor = Date.now() - child.startedAt;
        if (ranFor >= HEALTHY_RUN_MS) child.restartDelay = RESTART_MIN_MS;
        log(`${child.role} exited (${how}); restarting in ${(child.restartDelay / 1000).toFixed(1)} s`);
        child.restartTimer = setTimeout(() => {
          child.restartTimer = undefined;
          if (stopping) return;
          child.restarts++;
          spawnRole(child).catch((error: unknown) => log(String((error as Error).message)));
        }, child.restartDelay);
        child.restartDelay = Math.min(RESTART_MAX_MS, child.restartDelay * 2);
      });
    });
  };

  const stopChild = async (child: Child) => {
    if (child.restartTimer) clearTimeout(child.restartTimer);
    const proc = child.process;
    if (!proc) return;
    killGroup(proc, "SIGTERM");
    const force = setTimeout(() => killGroup(proc, "SIGKILL"), STOP_GRACE_MS);
    await exited(proc);
    clearTimeout(force);
    // Anything the role left in its group goes with it.
    killGroup(proc, "SIGKILL");
  };

  const stop = async () => {
    stopping = true;
    // All at once: on Ctrl-C the terminal has already signalled the embedded PostgreSQL (it shares our group),
    // so a role waiting for the database must not hold up the others.
    await Promise.all([...children.values()].map(stopChild));
  };

  try {
    for (const step of options.order) {
      const roles = typeof step === "string" ? [step] : step;
      await Promise.all(
        roles.map((role) => {
          const child: Child = { role, startedAt: Date.now(), restartDelay: RESTART_MIN_MS, restarts: 0 };
          children.set(role, child);
          return spawnRole(child);
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    roles: () =>
      [...children.values()].map((c) => ({ role: c.role, pid: c.process?.pid, ready: c.ready, restarts: c.restarts })),
    ready: (role) => children.get(role)?.ready,
    stats: <T>(role: RoleName) =>
      new Promise<T | undefined>((resolve) => {
        const proc = children.get(role)?.process;
        if (!proc?.connected) return resolve(undefined);
        const answer = (message: { type?: string; stats?: T }) => {
          if (message?.type !== "stats") return;
          proc.off("message", answer);
          resolve(message.stats);
        };
        proc.on("message", answer);
        proc.send("stats");
      }),
    stop,
  };
}

/** Calls `onOrphaned` once when this process's parent goes away (it is re-parented). */
export function watchParent(onOrphaned: () => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
