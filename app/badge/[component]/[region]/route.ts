import { db } from "@/lib/db.ts";
import { renderBadge } from "@/lib/public/badge.ts";
import { badgeFacts, svgKey } from "@/lib/public/badges.ts";
import { CONTENT_TYPE, preflight, publicGet, publicResponse } from "@/lib/public/http.ts";

export const dynamic = "force-dynamic";

// GET /badge/<component>/<region>.svg – status badge of one component in one region
export const GET = publicGet(
  async (_request: Request, { params }: { params: Promise<{ component: string; region: string }> }) => {
    const { component, region } = await params;
    const { label, status } = await badgeFacts(db(), component, svgKey(region));
    return publicResponse(renderBadge(label, status), CONTENT_TYPE.svg, {
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    });
  },
);

// OPTIONS /badge/<component>/<region>.svg – CORS preflight
export const OPTIONS = preflight;
