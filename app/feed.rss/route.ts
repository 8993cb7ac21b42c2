import { db } from "@/lib/db.ts";
import { renderRss } from "@/lib/public/feed-format.ts";
import { loadFeed, resolveFilter } from "@/lib/public/feeds.ts";
import { CONTENT_TYPE, preflight, publicGet, publicResponse } from "@/lib/public/http.ts";
import { publicSite } from "@/lib/public/site.ts";

export const dynamic = "force-dynamic";

// GET /feed.rss[?region=<key>&component=<key>] – RSS 2.0 feed of published incidents and maintenance
export const GET = publicGet(async (request: Request) => {
  const filter = await resolveFilter(db(), new URL(request.url).searchParams);
  return publicResponse(renderRss(await loadFeed(db(), publicSite(), filter, "rss")), CONTENT_TYPE.rss);
});

// OPTIONS /feed.rss – CORS preflight
export const OPTIONS = preflight;
