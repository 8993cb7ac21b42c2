import { db } from "@/lib/db.ts";
import { handle, json, readJson } from "@/lib/http/handler.ts";
import { authenticateAgent } from "@/lib/monitoring/agents.ts";
import { ingestResults } from "@/lib/monitoring/ingest-results.ts";

export const dynamic = "force-dynamic";

// POST /api/ingest/results – a probe agent's batch of check results (idempotent by result id)
export const POST = handle(async (request: Request) => {
  const now = new Date();
  const agent = await authenticateAgent(db(), request.headers.get("authorization"), now);
  const body = await readJson(request);
  const outcome = await ingestResults(db(), { vantageRegionId: agent.regionId, agentId: agent.id }, body, now);
  return json(outcome);
});
