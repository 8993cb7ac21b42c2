// GET /api/ready – readiness for load balancers and orchestrators: 200 when this replica can serve, else 503 with the reason
import { NextResponse } from "next/server";
import { db } from "@/lib/db.ts";
import { checkReadiness } from "@/lib/observability/readiness.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness(db);
  const { ready, ...rest } = readiness;
  return NextResponse.json(
    { status: ready ? "ready" : "not_ready", ...rest },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
