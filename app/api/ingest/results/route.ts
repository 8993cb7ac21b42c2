import { db } from "@/lib/db.ts";
import { getEnv } from "@/lib/env.ts";
import { handle, json, readJson } from "@/lib/http/handler.ts";
import { AGENT_BUFFERED_HEADER } from "@/lib/monitoring/agent-config.ts";
import { authenticateAgent, recordAgentPush } from "@/lib/monitoring/agents.ts";
import { ingestResults } from "@/lib/monitoring/ingest-results.ts";
import { logger } from "@/lib/observability/log.ts";
import { countIngestedResults } from "@/lib/observability/tallies.ts";

export const dynamic = "force-dynamic";

// POST /api/ingest/results – a probe agent's batch of check results (idempotent by result id)
export const POST = handle(async (request: Request) => {
  const now = new Date();
  const agent = await authenticateAgent(db(), request.headers.get("authorization"), now);
  const body = await readJson(request);
  const replay = {
    windowMs: getEnv().AGENT_REPLAY_WINDOW_DAYS * 86_400_000,
    agentName: agent.name,
    log: (line: string) => logger().warn(line),
  };
  const outcome = await ingestResults(db(), { vantageRegionId: agent.regionId, agentId: agent.id }, body, now, replay);
  countIngestedResults(outcome.accepted, outcome.duplicates);
  await recordAgentPush(db(), agent.id, now, request.headers.get(AGENT_BUFFERED_HEADER));
  return json(outcome);
});
