// Writing a snapshot as the HTTP response — the hot path's last step, so it
// formats nothing per request: each variant of a snapshot (encoding × stale ×
// 200/304) keeps its header block, remade only when its Age second changes,
// and what a client's Accept-Encoding asks for is parsed once per distinct value.
import type http from "node:http";
import type { Snapshot } from "./cache.ts";
import { REQUEST_ID_HEADER, requestIdOf } from "../http/request-id.ts";
import { etagMatches, pickEncoding } from "./routes.ts";

type Encoding = "br" | "gzip" | "identity";
const ENCODINGS: readonly Encoding[] = ["br", "gzip", "identity"];

interface HeaderBlock {
  /** The Age (whole seconds) this block was made for. */
  age: number;
  maxAgeSeconds: number;
  /** Flat name, value, name, value … as res.writeHead takes it. */
  headers: string[];
}

/** Per snapshot: blocks by variant index (encoding × stale × not-modified). */
const blocks = new WeakMap<Snapshot, (HeaderBlock | undefined)[]>();

/** Accept-Encoding values seen → the encoding chosen for each set of available ones; bounded. */
const chosen = new Map<string, Encoding[]>();
const MAX_ACCEPT_VALUES = 256;

function availability(snapshot: Snapshot): number {
  return (snapshot.br !== undefined ? 1 : 0) + (snapshot.gzip !== undefined ? 2 : 0);
}

function encodingFor(acceptEncoding: string | undefined, snapshot: Snapshot): Encoding {
  if (!acceptEncoding) return "identity";
  let byAvailability = chosen.get(acceptEncoding);
  if (byAvailability === undefined) {
    if (chosen.size >= MAX_ACCEPT_VALUES) chosen.clear();
    byAvailability = [0, 1, 2, 3].map((a) => pickEncoding(acceptEncoding, { br: (a & 1) !== 0, gzip: (a & 2) !== 0 }));
    chosen.set(acceptEncoding, byAvailability);
  }
  return byAvailability[availability(snapshot)]!;
}

function cacheControl(maxAgeSeconds: number): string {
  return `public, max-age=0, s-maxage=${maxAgeSeconds}, stale-while-revalidate=30, stale-if-error=86400`;
}

function makeBlock(
  snapshot: Snapshot,
  variant: { encoding: Encoding; stale: boolean; notModified: boolean },
  age: number,
  maxAgeSeconds: number,
): HeaderBlock {
  const headers: string[] = [];
  for (const [name, value] of Object.entries(snapshot.headers ?? {})) {
    if (name !== "x-content-type-options") headers.push(name, value);
  }
  headers.push(
    "content-type",
    snapshot.contentType,
    "etag",
    snapshot.etag,
    "last-modified",
    new Date(snapshot.renderedAt).toUTCString(),
    "age",
    String(age),
    "cache-control",
    cacheControl(maxAgeSeconds),
    "vary",
    "Accept-Encoding",
    "server-timing",
    `render;dur=${snapshot.renderMs.toFixed(1)};desc="snapshot rendered ${age} s ago"`,
    "x-content-type-options",
    "nosniff",
  );
  if (variant.stale) headers.push("x-snapshot-stale", `rendered ${age} s ago; live data unavailable`);
  if (snapshot.location) headers.push("location", snapshot.location);
  if (!variant.notModified) {
    const body = bodyFor(snapshot, variant.encoding);
    if (variant.encoding !== "identity") headers.push("content-encoding", variant.encoding);
    headers.push("content-length", String(body.length));
  }
  return { age, maxAgeSeconds, headers };
}

function bodyFor(snapshot: Snapshot, encoding: Encoding): Buffer {
  return encoding === "br" ? snapshot.br! : encoding === "gzip" ? snapshot.gzip! : snapshot.body;
}

/** Writes a snapshot as the response, honouring HEAD, If-None-Match and Accept-Encoding. */
export function sendSnapshot(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  snapshot: Snapshot,
  options: { maxAgeSeconds: number; stale: boolean; now: number },
): void {
  const age = options.now > snapshot.renderedAt ? Math.floor((options.now - snapshot.renderedAt) / 1000) : 0;
  const ifNoneMatch = req.headers["if-none-match"];
  const notModified = ifNoneMatch !== undefined && snapshot.status === 200 && etagMatches(ifNoneMatch, snapshot.etag);
  const encoding = notModified ? "identity" : encodingFor(req.headers["accept-encoding"], snapshot);
  const variant = ENCODINGS.indexOf(encoding) * 4 + (options.stale ? 2 : 0) + (notModified ? 1 : 0);
  let variants = blocks.get(snapshot);
  if (variants === undefined) {
    variants = [];
    blocks.set(snapshot, variants);
  }
  let block = variants[variant];
  if (block === undefined || block.age !== age || block.maxAgeSeconds !== options.maxAgeSeconds) {
    block = makeBlock(snapshot, { encoding, stale: options.stale, notModified }, age, options.maxAgeSeconds);
    variants[variant] = block;
  }
  const id = requestIdOf(req);
  const headers = id === undefined ? block.headers : block.headers.concat(REQUEST_ID_HEADER, id);
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(snapshot.status, headers);
  res.end(req.method === "HEAD" ? undefined : bodyFor(snapshot, encoding));
}
