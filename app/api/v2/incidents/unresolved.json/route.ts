import { db } from "@/lib/db.ts";
import { preflight, publicGet, publicJson } from "@/lib/public/http.ts";
import { publicSite } from "@/lib/public/site.ts";
import { statuspageDocument } from "@/lib/public/statuspage.ts";

export const dynamic = "force-dynamic";

// GET /api/v2/incidents/unresolved.json – published incidents not yet resolved (Statuspage API v2 shape)
export const GET = publicGet(async () =>
  publicJson(await statuspageDocument(db(), publicSite(), "incidents/unresolved.json")),
);

// OPTIONS /api/v2/incidents/unresolved.json – CORS preflight
export const OPTIONS = preflight;
