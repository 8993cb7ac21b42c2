// A probe agent for one vantage region: pulls its probes from the server,
// runs them on schedule, buffers every result on disk and pushes it.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { type AgentConfig, type AgentProbe, agentConfigSchema } from "../lib/monitoring/agent-config.ts";
import { DiskBuffer } from "./buffer.ts";
import { VANTAGE_HEADER } from "./checks/http.ts";
import { checkDefinitionSchema, runCheck } from "./checks/index.ts";
import { Pusher } from "./pusher.ts";
import { Scheduler } from "./scheduler.ts";
import { ServerClock } from "./server-clock.ts";

export const CONFIG_REFRESH_MS = 60_000;
export const DEFAULT_CONCURRENCY = 50;

export interface BufferedResult {
  id: string;
  probeId: string;
  checkedAt: string;
  outcome: "up" | "degraded" | "down";
  latencyMs: number | null;
  statusCode: number | null;
  error: string | null;
}

export interface AgentOptions {
  server: string;
  token: string;
  /** The agent keeps its buffer in <dataDir>/<vantage>. */
  dataDir: string;
  /** When set, the server's idea of this agent's vantage must match. */
  expectVantage?: string;
  concurrency?: number;
  log?: (line: string) => void;
  /** The host's clock; default Date.now. Results are stamped with the server's time when it is off (server-clock.ts). */
  clock?: () => number;
}

export interface RunningAgent {
  vantage: string;
  scheduler: Scheduler<AgentProbe>;
  pusher: Pusher<BufferedResult>;
  stop(): Promise<void>;
}

async function fetchConfig(server: string, token: string, clock?: ServerClock): Promise<AgentConfig> {
  const sentAt = clock?.started() ?? 0;
  const response = await fetch(new URL("/api/ingest/config", server), {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(15_000),
  });
  clock?.observe(response.headers.get("date"), sentAt);
  if (response.status === 401) throw Object.assign(new Error("the server refused this agent's token"), { fatal: true });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return agentConfigSchema.parse(await response.json());
}

async function fetchConfigPatiently(
  server: string,
  token: string,
  clock: ServerClock,
  log: (line: string) => void,
): Promise<AgentConfig> {
  for (let wait = 1_000; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      return await fetchConfig(server, token, clock);
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) throw error;
      log(`cannot load probe configuration from ${server} (${(error as Error).message}); retrying in ${wait / 1000} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function checkOnce(
  probe: AgentProbe,
  vantage: string,
  clock: ServerClock,
): Promise<Omit<BufferedResult, "id" | "probeId">> {
  const checkedAt = new Date(clock.now()).toISOString();
  const named = Object.keys(probe.headers).some((h) => h.toLowerCase() === VANTAGE_HEADER.toLowerCase());
  const definition = checkDefinitionSchema.safeParse(
    named ? probe : { ...probe, headers: { ...probe.headers, [VANTAGE_HEADER]: vantage } },
  );
  if (!definition.success) {
    const issue = definition.error.issues[0]!;
    return {
      checkedAt,
      outcome: "down",
      latencyMs: null,
      statusCode: null,
      error: `invalid probe definition: ${issue.path.join(".")} ${issue.message}`,
    };
  }
  return { checkedAt, ...(await runCheck(definition.data)) };
}

export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const log = options.log ?? console.log;
  const clock = new ServerClock(options.clock ?? Date.now, log);
  const config = await fetchConfigPatiently(options.server, options.token, clock, log);
  const vantage = config.agent.vantage;
  if (options.expectVantage && options.expectVantage !== vantage) {
    throw new Error(`This token belongs to vantage ${vantage}, not ${options.expectVantage}.`);
  }
  const tag = (line: string) => log(`[${vantage}] ${line}`);
  const bufferDir = path.join(options.dataDir, vantage);
  const buffer = new DiskBuffer<BufferedResult>(bufferDir);
  const pusher = new Pusher(buffer, options.server, options.token, tag, clock);
  let dropped = 0;
  const scheduler = new Scheduler<AgentProbe>(
    vantage,
    async (probe) => {
      const result = await checkOnce(probe, vantage, clock);
      try {
        buffer.append({ id: randomUUID(), probeId: probe.id, ...result });
      } catch (error) {
        // A full disk must not stop the probing: say so once, count what is lost, and keep going.
        if (dropped === 0)
          tag(
            `cannot write to the result buffer in ${bufferDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}: is the disk full?); results are dropped until it is writable, probing goes on`,
          );
        dropped += 1;
        return;
      }
      if (dropped > 0) {
        tag(`the result buffer is writable again; ${dropped} results were dropped while it was not`);
        dropped = 0;
      }
    },
    options.concurrency ?? DEFAULT_CONCURRENCY,
    () => clock.now(),
  );
  scheduler.setProbes(config.probes);
  pusher.start();
  tag(`running ${config.probes.length} probes`);

  const refresh = setInterval(() => {
    fetchConfig(options.server, options.token, clock).then(
      (next) => scheduler.setProbes(next.probes),
      (error: unknown) => tag(`keeping the current probes: ${(error as Error).message}`),
    );
  }, CONFIG_REFRESH_MS);

  return {
    vantage,
    scheduler,
    pusher,
    async stop() {
      clearInterval(refresh);
      await scheduler.stop();
      await pusher.stop();
      await pusher.flush().catch(() => {});
    },
  };
}
