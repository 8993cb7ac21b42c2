import { db } from "@/lib/db.ts";
import { handle, json } from "@/lib/http/handler.ts";
import { CATCHER_MAX_BODY_BYTES, catchWebhook } from "@/lib/webhooks/demo-catcher.ts";

export const dynamic = "force-dynamic";

// POST /api/demo/webhooks/:name – the demo's webhook catcher (lib/webhooks/demo-catcher.ts): echoes a
// challenge, keeps each request with its signature check for /admin/mailbox/webhooks. Demo only, this machine only.
export const POST = handle(async (request: Request, context: { params: Promise<{ name: string }> }) => {
  const { name } = await context.params;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > CATCHER_MAX_BODY_BYTES) return new Response(null, { status: 413 });
  const url = new URL(request.url);
  const answer = await catchWebhook(db(), {
    name,
    pathAndQuery: `${url.pathname}${url.search}`,
    headers: request.headers,
    body: (await request.text()).slice(0, CATCHER_MAX_BODY_BYTES),
  });
  if (!answer) return new Response(null, { status: 404 });
  return json(answer, { headers: { "cache-control": "no-store" } });
});
