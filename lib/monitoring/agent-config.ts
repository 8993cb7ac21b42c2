// What an agent pulls from the server: the probes to run from its vantage.
// The same schema is used by the server to write it and the agent to read it.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { AuthenticatedAgent } from "./agents.ts";

/** Sent with each batch: how many results the agent still holds on disk after it (shown per agent in /metrics). */
export const AGENT_BUFFERED_HEADER = "x-bellwether-buffered";

export const agentProbeSchema = z.object({
  id: z.string(),
  name: z.string(),
  componentRegion: z.string(),
  kind: z.enum(["http", "tcp", "dns", "tls"]),
  target: z.string(),
  method: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
  expectedStatus: z.number().int().nullable(),
  assertions: z.array(z.unknown()),
  intervalSeconds: z.number().int().positive(),
  timeoutMs: z.number().int().positive(),
  degradedAboveMs: z.number().int().positive(),
  tlsWarnDays: z.number().int().nonnegative(),
});
export type AgentProbe = z.infer<typeof agentProbeSchema>;

export const agentConfigSchema = z.object({
  agent: z.object({ name: z.string(), vantage: z.string() }),
  probes: z.array(agentProbeSchema),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

export async function agentConfiguration(db: Db, agent: AuthenticatedAgent): Promise<AgentConfig> {
  const probes = await db.probe.findMany({
    where: { enabled: true },
    orderBy: { id: "asc" },
    include: {
      componentRegion: { select: { component: { select: { key: true } }, region: { select: { key: true } } } },
    },
  });
  return {
    agent: { name: agent.name, vantage: agent.regionKey },
    probes: probes.map((p) => ({
      id: p.id,
      name: p.name,
      componentRegion: `${p.componentRegion.component.key}@${p.componentRegion.region.key}`,
      kind: p.kind,
      target: p.target,
      method: p.method,
      headers: z.record(z.string(), z.string()).catch({}).parse(p.headers),
      body: p.body,
      expectedStatus: p.expectedStatus,
      assertions: z.array(z.unknown()).catch([]).parse(p.assertions),
      intervalSeconds: p.intervalSeconds,
      timeoutMs: p.timeoutMs,
      degradedAboveMs: p.degradedAboveMs,
      tlsWarnDays: p.tlsWarnDays,
    })),
  };
}
