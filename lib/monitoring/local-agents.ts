// The demo runs one agent per vantage region in its own process. Their tokens
// are kept beside the demo's data (mode 600), never in the repository.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../db.ts";
import { REGION_ORDER } from "../catalog/order.ts";
import { createAgent, hashToken, rotateAgentToken } from "./agents.ts";

const tokensSchema = z.record(z.string(), z.string());

export interface LocalAgent {
  vantage: string;
  token: string;
}

export async function ensureLocalAgents(db: Db, dataDir: string): Promise<LocalAgent[]> {
  const file = path.join(dataDir, "agent-tokens.json");
  const saved = fs.existsSync(file) ? tokensSchema.catch({}).parse(JSON.parse(fs.readFileSync(file, "utf8"))) : {};
  const tokens: Record<string, string> = {};
  for (const region of await db.region.findMany({ orderBy: REGION_ORDER })) {
    const name = `local-${region.key}`;
    const known = saved[region.key];
    const agent = await db.probeAgent.findUnique({ where: { name } });
    if (agent && !agent.revokedAt && known && agent.tokenHash === hashToken(known)) tokens[region.key] = known;
    else if (agent && !agent.revokedAt) tokens[region.key] = await rotateAgentToken(db, name);
    else tokens[region.key] = (await createAgent(db, { name, regionKey: region.key })).token;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return Object.entries(tokens).map(([vantage, token]) => ({ vantage, token }));
}
