import { db } from "@/lib/db.ts";
import { preflight, publicGet, publicJson } from "@/lib/public/http.ts";
import { publicSite } from "@/lib/public/site.ts";
import { statuspageDocument } from "@/lib/public/statuspage.ts";

export const dynamic = "force-dynamic";

// GET /api/v2/scheduled-maintenances.json – the 50 most recent maintenance windows (Statuspage API v2 shape)
export const GET = publicGet(async () =>
  publicJson(await statuspageDocument(db(), publicSite(), "scheduled-maintenances.json")),
);

// OPTIONS /api/v2/scheduled-maintenances.json – CORS preflight
export const OPTIONS = preflight;
