// GET /developers – everything an integrator can use, as absolute URLs with
// the content type each answers with: the Statuspage v2 API (with a live
// example of each document), the feeds with their filters, the badges and
// the embeddable widget. The page lists exactly these; a browser test fetches each.
import type { Db } from "../db.ts";
import { CATALOG_COMPONENT_ORDER, REGION_ORDER } from "../catalog/order.ts";
import { CONTENT_TYPE } from "./http.ts";
import type { PublicSite } from "./site.ts";
import { STATUSPAGE_DOCUMENTS, statuspageDocument } from "./statuspage.ts";

/** The widget script's own content type (app/widget.js). */
export const WIDGET_CONTENT_TYPE = "text/javascript; charset=utf-8";

/** Longest live example shown, in lines; the full document is one click away. */
export const EXAMPLE_MAX_LINES = 40;

export interface ListedUrl {
  url: string;
  contentType: string;
}

export interface DevelopersPage {
  siteUrl: string;
  api: (ListedUrl & { name: string; example: string; truncated: boolean })[];
  feeds: (ListedUrl & { name: string; filters: ListedUrl[] })[];
  badges: (ListedUrl & { componentKey: string; componentName: string; html: string; markdown: string })[];
  regionBadge: (ListedUrl & { label: string }) | null;
  widget: ListedUrl & { snippet: string };
  regions: { key: string; name: string }[];
  components: { key: string; name: string }[];
}

export function clipExample(body: object): { example: string; truncated: boolean } {
  const lines = JSON.stringify(body, null, 2).split("\n");
  return lines.length <= EXAMPLE_MAX_LINES
    ? { example: lines.join("\n"), truncated: false }
    : { example: `${lines.slice(0, EXAMPLE_MAX_LINES).join("\n")}\n…`, truncated: true };
}

export function widgetSnippet(siteUrl: string): string {
  return `<a data-bellwether-status href="${siteUrl}/">Commerce platform status</a>\n<script async src="${siteUrl}/widget.js"></script>`;
}

export async function getDevelopersPage(db: Db, site: PublicSite): Promise<DevelopersPage> {
  const [regions, components, componentRegions] = await Promise.all([
    db.region.findMany({ orderBy: REGION_ORDER, select: { key: true, name: true } }),
    db.component.findMany({ orderBy: CATALOG_COMPONENT_ORDER, select: { key: true, name: true } }),
    db.componentRegion.findFirst({
      orderBy: [{ component: { key: "asc" } }, { region: { key: "asc" } }],
      select: { component: { select: { key: true, name: true } }, region: { select: { key: true } } },
    }),
  ]);
  const base = site.url;
  const api = [];
  for (const name of STATUSPAGE_DOCUMENTS) {
    const body = await statuspageDocument(db, site, name);
    api.push({ name, url: `${base}/api/v2/${name}`, contentType: CONTENT_TYPE.json, ...clipExample(body) });
  }
  const region = regions[0];
  const component = components[0];
  const feed = (file: string, name: string, contentType: string) => ({
    name,
    url: `${base}/${file}`,
    contentType,
    filters: [
      ...(region ? [{ url: `${base}/${file}?region=${encodeURIComponent(region.key)}`, contentType }] : []),
      ...(component ? [{ url: `${base}/${file}?component=${encodeURIComponent(component.key)}`, contentType }] : []),
    ],
  });
  return {
    siteUrl: base,
    api,
    feeds: [
      feed("feed.atom", "Atom feed of incidents and maintenance", CONTENT_TYPE.atom),
      feed("feed.rss", "RSS feed of incidents and maintenance", CONTENT_TYPE.rss),
      feed("calendar.ics", "iCalendar of scheduled maintenance", CONTENT_TYPE.calendar),
    ],
    badges: components.map((c) => {
      const url = `${base}/badge/${encodeURIComponent(c.key)}.svg`;
      const alt = `${c.name} status`;
      return {
        componentKey: c.key,
        componentName: c.name,
        url,
        contentType: CONTENT_TYPE.svg,
        html: `<a href="${base}/components/${c.key}"><img src="${url}" alt="${alt}"></a>`,
        markdown: `[![${alt}](${url})](${base}/components/${c.key})`,
      };
    }),
    regionBadge: componentRegions
      ? {
          label: `${componentRegions.component.name} in ${componentRegions.region.key}`,
          url: `${base}/badge/${encodeURIComponent(componentRegions.component.key)}/${encodeURIComponent(componentRegions.region.key)}.svg`,
          contentType: CONTENT_TYPE.svg,
        }
      : null,
    widget: { url: `${base}/widget.js`, contentType: WIDGET_CONTENT_TYPE, snippet: widgetSnippet(base) },
    regions,
    components,
  };
}
