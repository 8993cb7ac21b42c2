// What every request meets before Next: the client's address is settled
// (TRUSTED_PROXIES) and handed to Next in a header the client cannot set;
// security headers are decided by path; public snapshot routes are answered
// from the snapshot cache — GET and HEAD only, under canonical keys, with one
// shared 404 for anything that does not exist — and the rest goes to Next.
import type http from "node:http";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_LOCAL_HEADER,
  clientAddress,
  isDirectLoopback,
  type TrustedProxies,
} from "./client-address.ts";
import { type SecurityHeaderSettings, securityHeadersFor } from "./security-headers.ts";
import { resolveSnapshot, type SnapshotTarget, type SnapshotVocabulary } from "../snapshots/routes.ts";
import type { SnapshotVocabularyLoader } from "../snapshots/vocabulary.ts";
import type { SnapshotCache } from "../snapshots/cache.ts";
import { sendSnapshot } from "../snapshots/snapshot-response.ts";
import { logError, withRequestContext } from "../observability/log.ts";
import { echoRequestId, requestIdOf } from "./request-id.ts";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Rendered once and shared by every page that does not exist (Next's not-found page). */
export const NOT_FOUND_KEY = "/_not-found";

export interface SnapshotServing {
  cache: SnapshotCache;
  maxAgeSeconds: number;
  /** What exists; without it, keys are checked by format only. */
  vocabulary?: SnapshotVocabularyLoader;
}

export interface FrontDoorOptions {
  /** Next's request handler. */
  toNext: Handler;
  trustedProxies: TrustedProxies;
  headers: SecurityHeaderSettings;
  snapshots?: SnapshotServing;
}

/** Sets what Next may believe about a request: its client (never the client's say) and the CSP with its nonce. */
export function prepareForNext(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  trusted: TrustedProxies,
  settings: SecurityHeaderSettings,
): void {
  const forwarded = req.headers["x-forwarded-for"];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
    req.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trusted,
  );
  if (isDirectLoopback(req.socket.remoteAddress, req.headers)) req.headers[CLIENT_LOCAL_HEADER] = "1";
  else delete req.headers[CLIENT_LOCAL_HEADER];
  delete req.headers["content-security-policy"];
  delete req.headers["content-security-policy-report-only"];
  const security = securityHeadersFor(pathOf(req.url), settings);
  for (const [name, value] of Object.entries(security.response)) res.setHeader(name, value);
  if (security.requestCsp) req.headers["content-security-policy"] = security.requestCsp;
}

function pathOf(target: string | undefined): string {
  const end = (target ?? "/").search(/[?#]/);
  return end < 0 ? (target ?? "/") : (target ?? "/").slice(0, end);
}

function machineNotFound(vocabulary: SnapshotVocabulary | undefined): Buffer {
  const list = (set: ReadonlySet<string> | undefined) =>
    set ? [...set].sort().join(", ") : "see /api/v2/components.json";
  const message = `There is no such region or component (or it does not run there). Regions: ${list(vocabulary?.regions)}. Components: ${list(vocabulary?.components)}.`;
  return Buffer.from(JSON.stringify({ error: { code: "NOT_FOUND", message } }));
}

export function createFrontDoor(options: FrontDoorOptions): Handler {
  const { toNext, trustedProxies, headers: settings, snapshots } = options;
  // Next's work runs in the request's log context, so that its log lines carry the request id.
  const next: Handler = (req, res) =>
    withRequestContext({ requestId: requestIdOf(req) ?? "" }, () => {
      prepareForNext(req, res, trustedProxies, settings);
      toNext(req, res);
    });
  if (!snapshots) return next;
  const { cache, maxAgeSeconds, vocabulary } = snapshots;

  // Request targets seen → what serves them: parsing a URL per request is most of the hot path's cost.
  const targets = new Map<string, SnapshotTarget>();
  let targetsVersion = -1;
  const resolve = (target: string): SnapshotTarget => {
    const version = vocabulary?.currentVersion() ?? 0;
    if (version !== targetsVersion || targets.size >= 10_000) {
      targets.clear();
      targetsVersion = version;
    }
    let resolved = targets.get(target);
    if (resolved === undefined) {
      resolved = resolveSnapshot(target, vocabulary?.current());
      targets.set(target, resolved);
    }
    return resolved;
  };
  let notFoundBody: { version: number; body: Buffer } | undefined;

  const fail = (res: http.ServerResponse, error: unknown) => {
    logError("snapshot failed", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal error");
  };

  const serve = (req: http.IncomingMessage, res: http.ServerResponse, key: string, route: string) => {
    const current = cache.peek(key);
    if (current) {
      sendSnapshot(req, res, current, { maxAgeSeconds, stale: false, now: Date.now() });
      return;
    }
    cache
      .get(key, route)
      .then((result) => {
        if ("failure" in result) {
          res.writeHead(result.failure.status, {
            "content-type": result.failure.contentType,
            "cache-control": "no-store",
          });
          res.end(req.method === "HEAD" ? undefined : result.failure.body);
          return;
        }
        sendSnapshot(req, res, result.snapshot, { maxAgeSeconds, stale: result.stale, now: Date.now() });
      })
      .catch((error: unknown) => fail(res, error));
  };

  const notFound = (req: http.IncomingMessage, res: http.ServerResponse, page: boolean) => {
    if (page) return serve(req, res, NOT_FOUND_KEY, "not-found");
    const version = vocabulary?.currentVersion() ?? 0;
    if (notFoundBody?.version !== version) notFoundBody = { version, body: machineNotFound(vocabulary?.current()) };
    // Written at once: instrumentRequests has no chance to add the id after this returns.
    echoRequestId(req, res);
    res.writeHead(404, {
      ...securityHeadersFor(pathOf(req.url), settings).response,
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "access-control-allow-origin": "*",
      "content-length": String(notFoundBody.body.length),
    });
    res.end(req.method === "HEAD" ? undefined : notFoundBody.body);
  };

  return (req, res) => {
    const resolved = resolve(req.url ?? "/");
    if (resolved.kind === "next") return next(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") {
      // CORS preflights of the machine interfaces are their route handlers' to answer.
      if (req.method === "OPTIONS" && !resolved.page) return next(req, res);
      echoRequestId(req, res);
      res.writeHead(405, {
        ...securityHeadersFor(pathOf(req.url), settings).response,
        allow: resolved.page ? "GET, HEAD" : "GET, HEAD, OPTIONS",
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end("Method not allowed");
      return;
    }
    if (resolved.kind === "snapshot") return serve(req, res, resolved.key, resolved.route);
    if (!vocabulary?.isSettling()) return notFound(req, res, resolved.page);
    // Unknown while the vocabulary is reloading after a change: it may be what was just published.
    vocabulary
      .settled()
      .then(() => {
        const fresh = resolveSnapshot(req.url ?? "/", vocabulary.current());
        if (fresh.kind === "snapshot") serve(req, res, fresh.key, fresh.route);
        else notFound(req, res, resolved.page);
      })
      .catch((error: unknown) => fail(res, error));
  };
}
