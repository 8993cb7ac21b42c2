// Replicas for the fault and multi-replica tests: `npm start` (scripts/start.ts,
// web and worker as production runs them) in a process group of its own, so
// that kill -9 is real, and a round-robin load balancer in front of them that
// skips a replica it cannot reach, as any real one does.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { findFreePort } from "../../lib/database/embedded.ts";

export interface Replica {
  name: string;
  base: string;
  pid: number;
  /** Everything it printed, line by line. */
  lines: string[];
  exited: boolean;
  /** Its processes (the supervisor's descendants) whose command line matches. */
  processes(command: RegExp): number[];
  /** kill -9 of the whole replica (every process it started). */
  kill(): void;
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  name: string;
  databaseUrl: string;
  smtpUrl?: string;
  publicUrl?: string;
  env?: Record<string, string>;
}

const SECRET = "replica-test-secret-0123456789abcdefghijklmnop";
/** Parent variables a replica must not inherit: it is a production process with this test's settings. */
const SCRUBBED = ["MAIL_CATCHER", "SMTP_URL", "DATABASE_URL", "PORT", "HOST", "PUBLIC_URL", "VITEST", "NODE_OPTIONS"];

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const port = await findFreePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SCRUBBED.includes(k)) env[k] = v;
  Object.assign(env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: options.publicUrl ?? `http://127.0.0.1:${port}`,
    AUTH_SECRET: SECRET,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const replica: Replica = {
    name: options.name,
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    lines,
    exited: false,
    processes: (command) => descendants(child.pid!, command),
    kill() {
      if (replica.exited) return;
      // npm start supervises its roles in process groups of their own: take the whole tree at once, as a dying host does.
      for (const pid of [child.pid!, ...descendants(child.pid!)]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
    async stop() {
      if (replica.exited) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      const timer = setTimeout(() => replica.kill(), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const text = rest + chunk.toString("utf8");
      const parts = text.split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        if (process.env.DEBUG_REPLICAS) process.stderr.write(`[${options.name}] ${line}\n`);
      }
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  child.once("exit", () => {
    replica.exited = true;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (lines.some((l) => l.includes("serving at"))) {
        clearInterval(timer);
        resolve();
      } else if (replica.exited) {
        clearInterval(timer);
        reject(new Error(`replica ${options.name} exited before serving:\n${lines.slice(-20).join("\n")}`));
      }
    }, 100);
  });
  return replica;
}

/** Every process below `root` (whose command line matches `command`, if given), from ps. */
function descendants(root: number, command?: RegExp): number[] {
  const children = new Map<number, number[]>();
  const args = new Map<number, string>();
  for (const line of execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" }).split("\n")) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [pid, ppid] = [Number(match[1]), Number(match[2])];
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    args.set(pid, match[3]!);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const pid of children.get(queue.shift()!) ?? []) {
      found.push(pid);
      queue.push(pid);
    }
  }
  return command ? found.filter((pid) => command.test(args.get(pid) ?? "")) : found;
}

export interface Balancer {
  url: string;
  /** Requests each upstream answered. */
  served: Map<string, number>;
  close(): Promise<void>;
}

/** Round-robin over the upstreams; a request whose upstream refuses the connection goes to the next one. */
export async function startBalancer(upstreams: string[]): Promise<Balancer> {
  let next = 0;
  const served = new Map<string, number>(upstreams.map((u) => [u, 0]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const first = next++ % upstreams.length;
      const attempt = (tried: number) => {
        if (tried >= upstreams.length) {
          if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
          res.end("no replica reachable");
          return;
        }
        const upstream = new URL(upstreams[(first + tried) % upstreams.length]!);
        const forward = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, host: upstream.host },
          },
          (answer) => {
            served.set(upstream.origin, (served.get(upstream.origin) ?? 0) + 1);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on("error", (error: NodeJS.ErrnoException) => {
          // Only a refused connection is safe to retry elsewhere: the request never reached that replica.
          if (error.code === "ECONNREFUSED") attempt(tried + 1);
          else if (!res.headersSent) res.writeHead(502).end(error.message);
          else res.destroy();
        });
        forward.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
