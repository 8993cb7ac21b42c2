import { db } from "@/lib/db.ts";
import { renderAtom } from "@/lib/public/feed-format.ts";
import { loadFeed, resolveFilter } from "@/lib/public/feeds.ts";
import { CONTENT_TYPE, preflight, publicGet, publicResponse } from "@/lib/public/http.ts";
import { publicSite } from "@/lib/public/site.ts";

export const dynamic = "force-dynamic";

// GET /feed.atom[?region=<key>&component=<key>] – Atom feed of published incidents and maintenance
export const GET = publicGet(async (request: Request) => {
  const filter = await resolveFilter(db(), new URL(request.url).searchParams);
  return publicResponse(renderAtom(await loadFeed(db(), publicSite(), filter, "atom")), CONTENT_TYPE.atom);
});

// OPTIONS /feed.atom – CORS preflight
export const OPTIONS = preflight;
