import { db } from "@/lib/db.ts";
import { handle, json } from "@/lib/http/handler.ts";
import { agentConfiguration } from "@/lib/monitoring/agent-config.ts";
import { authenticateAgent } from "@/lib/monitoring/agents.ts";

export const dynamic = "force-dynamic";

// GET /api/ingest/config – the probes an agent runs from its vantage
export const GET = handle(async (request: Request) => {
  const agent = await authenticateAgent(db(), request.headers.get("authorization"), new Date());
  return json(await agentConfiguration(db(), agent), { headers: { "cache-control": "no-store" } });
});
