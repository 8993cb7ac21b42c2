import { db } from "@/lib/db.ts";
import { handle } from "@/lib/http/handler.ts";
import { requireApiActor } from "@/lib/session/guards.ts";
import { subscribersCsv } from "@/lib/subscribers/subscribers-csv.ts";

export const dynamic = "force-dynamic";

// GET /api/admin/subscribers/export – every subscriber as CSV, for any console session (masked addresses for viewers)
export const GET = handle(async (request: Request) => {
  const actor = await requireApiActor(request, "console.read");
  return new Response(await subscribersCsv(db(), actor), {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="subscribers-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
