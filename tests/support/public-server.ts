// Test fixture: the real public route handlers (app/api/v2, feeds, calendar,
// badges) behind a bare node:http server, in a process of its own, routed the
// way Next routes them. Usage:
//   DATABASE_URL=… PUBLIC_URL=… node --import tsx tests/support/public-server.ts <port>
import http from "node:http";
import * as components from "../../app/api/v2/components.json/route.ts";
import * as unresolved from "../../app/api/v2/incidents/unresolved.json/route.ts";
import * as incidents from "../../app/api/v2/incidents.json/route.ts";
import * as active from "../../app/api/v2/scheduled-maintenances/active.json/route.ts";
import * as upcoming from "../../app/api/v2/scheduled-maintenances/upcoming.json/route.ts";
import * as maintenances from "../../app/api/v2/scheduled-maintenances.json/route.ts";
import * as status from "../../app/api/v2/status.json/route.ts";
import * as summary from "../../app/api/v2/summary.json/route.ts";
import * as badgeRegion from "../../app/badge/[component]/[region]/route.ts";
import * as badge from "../../app/badge/[component]/route.ts";
import * as calendar from "../../app/calendar.ics/route.ts";
import * as atom from "../../app/feed.atom/route.ts";
import * as rss from "../../app/feed.rss/route.ts";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Route {
  GET: Handler;
  OPTIONS: (request: Request) => Promise<Response>;
}

const exact: Record<string, Route> = {
  "/api/v2/summary.json": summary,
  "/api/v2/status.json": status,
  "/api/v2/components.json": components,
  "/api/v2/incidents.json": incidents,
  "/api/v2/incidents/unresolved.json": unresolved,
  "/api/v2/scheduled-maintenances.json": maintenances,
  "/api/v2/scheduled-maintenances/upcoming.json": upcoming,
  "/api/v2/scheduled-maintenances/active.json": active,
  "/feed.atom": atom,
  "/feed.rss": rss,
  "/calendar.ics": calendar,
};

function route(pathname: string): { route: Route; params: Record<string, string> } | null {
  const found = exact[pathname];
  if (found) return { route: found, params: {} };
  const segments = pathname.split("/").slice(1).map(decodeURIComponent);
  if (segments[0] !== "badge") return null;
  if (segments.length === 2) return { route: badge as unknown as Route, params: { component: segments[1]! } };
  if (segments.length === 3)
    return { route: badgeRegion as unknown as Route, params: { component: segments[1]!, region: segments[2]! } };
  return null;
}

const port = Number(process.argv[2]);
http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const found = route(url.pathname);
    const method = req.method === "OPTIONS" ? "OPTIONS" : req.method === "GET" ? "GET" : null;
    if (!found || !method) {
      res.writeHead(found ? 405 : 404).end();
      return;
    }
    const request = new Request(url, { method, headers: req.headers as Record<string, string> });
    const response =
      method === "GET"
        ? await found.route.GET(request, { params: Promise.resolve(found.params) })
        : await found.route.OPTIONS(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
