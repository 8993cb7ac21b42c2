import { db } from "@/lib/db.ts";
import { handle } from "@/lib/http/handler.ts";
import { sloGate } from "@/lib/slo/slo-gate.ts";

export const dynamic = "force-dynamic";

// GET /api/slo/gate?component=<key>&region=<key> – may a deployment go ahead? 200 allow, 409 refuse; personal API token
export const GET = handle(async (request: Request) => sloGate(db(), request));
