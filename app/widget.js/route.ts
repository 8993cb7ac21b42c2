import { publicGet, publicResponse } from "@/lib/public/http.ts";
import { WIDGET_CONTENT_TYPE } from "@/lib/public/developers.ts";
import { WIDGET_SCRIPT } from "@/lib/public/widget.ts";

export const dynamic = "force-static";

// GET /widget.js – the embeddable status widget (see /developers for the snippet)
export const GET = publicGet(async () => publicResponse(WIDGET_SCRIPT, WIDGET_CONTENT_TYPE));
