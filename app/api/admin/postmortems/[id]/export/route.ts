import { db } from "@/lib/db.ts";
import { handle } from "@/lib/http/handler.ts";
import { postmortemExportResponse } from "@/lib/postmortems/export-download.ts";
import { requireApiActor } from "@/lib/session/guards.ts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// GET /api/admin/postmortems/:id/export?format=md|pdf&version=internal|public – a postmortem as Markdown or PDF, for any console session
export const GET = handle(async (request: Request, context: Context) => {
  const actor = await requireApiActor(request, "console.read");
  return postmortemExportResponse(db(), actor, (await context.params).id, new URL(request.url).searchParams);
});
