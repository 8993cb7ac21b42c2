// GET /api/health – liveness and database reachability, for load balancers
import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/database/health.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  return NextResponse.json(
    { status: database ? "ok" : "degraded", database: database ? "up" : "down" },
    { status: database ? 200 : 503 },
  );
}
