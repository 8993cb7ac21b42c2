// Snapshot renders in a process of their own (DESIGN.md, "The hot path").
//
// A render of the busy front page holds an event loop for 40–50 ms. On the
// loop that serves readers from memory, every one of them waits that long
// behind it: after each public change, and every 30 s for what time alone
// moves. So the web role forks a renderer — Next again, on a loopback port —
// and its snapshot cache renders through that; the serving loop only receives
// the bytes. The web process keeps its own loopback render listener: while
// the renderer is starting, restarting or gone, renders go there, as before.
//
// The renderer dies with its parent: it stops when the IPC channel closes
// (the parent exited, even by kill -9) and it shares the parent's process
// group, which the supervisor signals as a whole.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("./renderer-process.ts", import.meta.url));

/** First restart after this long, doubling up to RESTART_MAX_MS. */
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** A renderer that ran this long before dying was healthy: its next restart is quick again. */
const HEALTHY_RUN_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface RendererReady {
  type: "ready";
  port: number;
}

export interface RendererProcessOptions {
  dir: string;
  /** Its database (DATABASE_URL in the child). */
  databaseUrl?: string;
  /** CSP frame-ancestors of public pages, as the web server sends them. */
  publicFrameAncestors: string;
  log: (line: string) => void;
}

export interface RendererProcess {
  /** The renderer's loopback port while it is up; undefined while it starts or restarts. */
  port(): number | undefined;
  /** Resolves once it has answered ready the first time (or failed to). */
  started: Promise<boolean>;
  /** Its process id, while it runs. */
  pid(): number | undefined;
  close(): Promise<void>;
}

export function startRendererProcess(options: RendererProcessOptions): RendererProcess {
  let child: ChildProcess | undefined;
  let port: number | undefined;
  let closed = false;
  let restartDelay = RESTART_MIN_MS;
  let restartTimer: NodeJS.Timeout | undefined;
  let markStarted: (ok: boolean) => void = () => {};
  const started = new Promise<boolean>((resolve) => {
    markStarted = resolve;
  });

  const spawn = () => {
    const startedAt = Date.now();
    // Its one argument: the directory of the Next build.
    const proc = fork(ENTRY, [options.dir], {
      // TypeScript through tsx, whatever runs the parent (tsx's CLI, node --import tsx, Vitest).
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: {
        ...process.env,
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        PUBLIC_FRAME_ANCESTORS: options.publicFrameAncestors,
      },
    });
    child = proc;
    proc.on("message", (message: RendererReady) => {
      if (message?.type !== "ready") return;
      port = message.port;
      markStarted(true);
    });
    proc.once("exit", (code, signal) => {
      port = undefined;
      if (child === proc) child = undefined;
      if (closed) return;
      markStarted(false);
      if (Date.now() - startedAt >= HEALTHY_RUN_MS) restartDelay = RESTART_MIN_MS;
      options.log(
        `renderer exited (${signal ? `signal ${signal}` : `code ${code}`}); rendering in the web process until it is back in ${(restartDelay / 1000).toFixed(0)} s`,
      );
      restartTimer = setTimeout(spawn, restartDelay);
      restartTimer.unref();
      restartDelay = Math.min(RESTART_MAX_MS, restartDelay * 2);
    });
  };
  spawn();

  return {
    port: () => port,
    started,
    pid: () => child?.pid,
    async close() {
      closed = true;
      if (restartTimer) clearTimeout(restartTimer);
      const proc = child;
      port = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill("SIGTERM");
      const force = setTimeout(() => proc.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
    },
  };
}
