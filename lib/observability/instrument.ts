// What the web server does around every request, before the front door: a
// request id (the client's X-Request-Id when it is a sane one, else a new
// one), echoed in the response and carried by every log line of the request;
// a count by route and status for /metrics; an access log line; and /metrics
// itself, for a scraper with METRICS_TOKEN or, without one, this machine only.
import { randomUUID, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import path from "node:path";
import { createDb } from "../db.ts";
import { isDirectLoopback } from "../http/client-address.ts";
import { echoRequestId, REQUEST_ID_HEADER } from "../http/request-id.ts";
import { appRoutePatterns, createRouteLabeler, type RouteLabeler } from "./http-routes.ts";
import { logger } from "./log.ts";
import { createMetricsExposition, type MetricsExposition } from "./metrics.ts";
import { LABEL_SEPARATOR, tallies } from "./tallies.ts";

export const METRICS_PATH = "/metrics";
export { REQUEST_ID_HEADER };

/** Ids a proxy or client may hand us: short, and nothing that could forge a log field. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface InstrumentOptions {
  routes: RouteLabeler;
  metrics: MetricsExposition;
  /** Bearer token for /metrics; without it, /metrics answers direct loopback clients only. */
  metricsToken?: string;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who may read /metrics: the token's holder, or (no token set) someone at this machine with no proxy in between. */
export function mayReadMetrics(req: http.IncomingMessage, token: string | undefined): boolean {
  if (token) return tokenMatches(req.headers.authorization, token);
  return isDirectLoopback(req.socket.remoteAddress, req.headers);
}

function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, options: InstrumentOptions): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("Method not allowed");
    return;
  }
  if (!mayReadMetrics(req, options.metricsToken)) {
    const headers: http.OutgoingHttpHeaders = {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
    };
    if (options.metricsToken) headers["www-authenticate"] = 'Bearer realm="metrics"';
    res
      .writeHead(options.metricsToken ? 401 : 403, headers)
      .end(
        options.metricsToken
          ? "A bearer token is required."
          : "Metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere.",
      );
    return;
  }
  options.metrics
    .render()
    .then((text) => {
      res.writeHead(200, { "content-type": options.metrics.contentType, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : text);
    })
    .catch((error: unknown) => {
      logger().error({ err: error }, "rendering /metrics failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal error");
    });
}

function pathOf(target: string | undefined): string {
  const raw = target ?? "/";
  const end = raw.search(/[?#]/);
  return end < 0 ? raw : raw.slice(0, end);
}

export function instrumentRequests(handler: Handler, options: InstrumentOptions): Handler {
  const log = logger();
  const record = (req: http.IncomingMessage, res: http.ServerResponse, target: string, started: number) => {
    const route = options.routes(target);
    const method = METHODS.has(req.method ?? "") ? req.method! : "other";
    const status = res.statusCode;
    tallies.httpRequests.add(`${route}${LABEL_SEPARATOR}${method}${LABEL_SEPARATOR}${status}`);
    // Reads, and agents' pushes (several a minute each), are many: debug. People's writes: info. Server errors: error.
    const quiet = method === "GET" || method === "HEAD" || (route.startsWith("/api/ingest/") && status < 400);
    const level = status >= 500 ? "error" : quiet ? "debug" : "info";
    if (log.isLevelEnabled(level))
      log[level](
        {
          reqId: req.headers[REQUEST_ID_HEADER],
          method,
          route,
          // The query too (redacted like every line: token=, email= …), cut at 300 characters.
          url: target.slice(0, 300),
          status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        "request",
      );
  };
  // The hot path (a snapshot from memory) pays for none of this but the id and a count: no listener, no async
  // context (the front door enters it for requests that go to Next), no header set ahead of writeHead (which
  // would send every header of the prepared block through setHeader again). A handler that writes its response
  // synchronously puts the id in itself (lib/http/request-id.ts).
  return (req, res) => {
    const started = performance.now();
    const target = req.url ?? "/";
    const given = req.headers[REQUEST_ID_HEADER];
    req.headers[REQUEST_ID_HEADER] = typeof given === "string" && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    if (pathOf(target) === METRICS_PATH) {
      echoRequestId(req, res);
      serveMetrics(req, res, options);
    } else handler(req, res);
    // A handler that answered at once wrote the id itself (a prepared header block carries it); for the others it
    // goes in now, before their headers are written.
    if (!res.headersSent) echoRequestId(req, res);
    // Answered at once (from memory): counted now. Otherwise when the response is done.
    if (res.writableEnded) record(req, res, target, started);
    else res.once("finish", () => record(req, res, target, started));
  };
}

export interface Instrumentation {
  wrap(handler: Handler): Handler;
  close(): Promise<void>;
}

/**
 * For the web server: route labels from `dir`/app, and /metrics reading the
 * database's figures through a small pool of its own (none without a URL).
 */
export function prepareInstrumentation(options: {
  dir: string;
  databaseUrl?: string;
  metricsToken?: string;
}): Instrumentation {
  const db = options.databaseUrl ? createDb(options.databaseUrl, { max: 2 }) : undefined;
  const routes = createRouteLabeler(appRoutePatterns(path.join(options.dir, "app")), [METRICS_PATH]);
  const metrics = createMetricsExposition({ db });
  return {
    wrap: (handler) => instrumentRequests(handler, { routes, metrics, metricsToken: options.metricsToken }),
    close: async () => {
      await db?.$disconnect();
    },
  };
}
