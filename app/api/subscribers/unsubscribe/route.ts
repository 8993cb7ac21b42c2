import { db } from "@/lib/db.ts";
import { handle, json } from "@/lib/http/handler.ts";
import { unsubscribe } from "@/lib/subscribers/manage-subscription.ts";
import { linkSettings } from "@/lib/subscribers/settings.ts";

export const dynamic = "force-dynamic";

// POST /api/subscribers/unsubscribe?token=… – RFC 8058 one-click unsubscribe: the mailbox provider posts
// "List-Unsubscribe=One-Click" here and the subscription ends at once (the token is the only credential).
export const POST = handle(async (request: Request) => {
  const token = new URL(request.url).searchParams.get("token");
  const { email } = await unsubscribe(
    db(),
    linkSettings().secret,
    { token: token ?? "", purpose: "unsubscribe" },
    new Date(),
  );
  return json({ unsubscribed: email }, { headers: { "cache-control": "no-store" } });
});

// GET /api/subscribers/unsubscribe?token=… – a person (or a link scanner) opened the header's URL:
// never unsubscribe on a GET; show the page with the button instead.
export const GET = handle(async (request: Request) => {
  const url = new URL(request.url);
  const target = new URL("/subscribe/unsubscribe", linkSettings().publicUrl);
  target.searchParams.set("token", url.searchParams.get("token") ?? "");
  return new Response(null, { status: 303, headers: { location: target.toString(), "cache-control": "no-store" } });
});
