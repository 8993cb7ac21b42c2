import { db } from "@/lib/db.ts";
import { renderBadge } from "@/lib/public/badge.ts";
import { badgeFacts, svgKey } from "@/lib/public/badges.ts";
import { CONTENT_TYPE, preflight, publicGet, publicResponse } from "@/lib/public/http.ts";

export const dynamic = "force-dynamic";

// GET /badge/<component>.svg – status badge of a component across its regions (the worst one)
export const GET = publicGet(async (_request: Request, { params }: { params: Promise<{ component: string }> }) => {
  const { label, status } = await badgeFacts(db(), svgKey((await params).component));
  return publicResponse(renderBadge(label, status), CONTENT_TYPE.svg, {
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  });
});

// OPTIONS /badge/<component>.svg – CORS preflight
export const OPTIONS = preflight;
