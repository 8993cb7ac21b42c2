import { db } from "@/lib/db.ts";
import { loadCalendar, resolveFilter } from "@/lib/public/feeds.ts";
import { CONTENT_TYPE, preflight, publicGet, publicResponse } from "@/lib/public/http.ts";
import { renderCalendar } from "@/lib/public/ics.ts";
import { publicSite } from "@/lib/public/site.ts";

export const dynamic = "force-dynamic";

// GET /calendar.ics[?region=<key>&component=<key>] – iCalendar of maintenance windows
export const GET = publicGet(async (request: Request) => {
  const filter = await resolveFilter(db(), new URL(request.url).searchParams);
  return publicResponse(
    renderCalendar(await loadCalendar(db(), publicSite(), filter, new Date())),
    CONTENT_TYPE.calendar,
  );
});

// OPTIONS /calendar.ics – CORS preflight
export const OPTIONS = preflight;
