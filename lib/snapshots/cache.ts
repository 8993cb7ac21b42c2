// The public hot path (DESIGN.md, "The hot path"): the status page, /api/v2,
// feeds and badges are rendered once per change by Next and served from
// memory with ETag, compression and Cache-Control.
//
// - One render at a time per snapshot (single-flight).
// - When something public changed (PostgreSQL NOTIFY, see lib/public/changes.ts;
//   replicas hear it too), every snapshot is due at once: readers after the
//   change share the one render that began after it, so nobody is shown the
//   status from before it. A burst of changes (a whole region flipping) is
//   folded into one more render.
// - A snapshot that is merely older than maxAge is served as it is while one
//   render refreshes it in the background.
// - A snapshot is replaced whole: a reader gets the old bytes or the new ones,
//   never a mix.
// - When a render fails (database unreachable) the last good snapshot keeps
//   being served, and an HTML page says how old it is.
// - Nothing in a request decides whether the cache is used: not a header, not
//   a query parameter (lib/snapshots/routes.ts drops the ones a page does not read).
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { withStaleBanner } from "./stale-banner.ts";
import { countSnapshotLookup, recordSnapshotRender } from "../observability/tallies.ts";

/** What a render produced. */
export interface Rendered {
  status: number;
  contentType: string;
  body: Buffer;
  /** For redirects. */
  location?: string;
  /** Headers of the render a reader must get too (CORS, CSP …); caching headers are the cache's own. */
  headers?: Readonly<Record<string, string>>;
}

/** Response headers a snapshot keeps from its render. */
export const KEPT_HEADERS = [
  "access-control-allow-origin",
  "access-control-allow-methods",
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "content-language",
] as const;

export type Renderer = (key: string) => Promise<Rendered>;

export interface Snapshot {
  /** How long the render took, sent as Server-Timing. */
  renderMs: number;
  status: number;
  contentType: string;
  location?: string;
  headers?: Readonly<Record<string, string>>;
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  renderedAt: number;
  /** The change generation this render saw. */
  generation: number;
}

interface Entry {
  key: string;
  /** The snapshot route it belongs to (lib/snapshots/routes.ts), for the per-route cap. */
  route: string;
  snapshot?: Snapshot;
  rendering?: Promise<Snapshot | undefined>;
  /** When the render in flight began. */
  renderStartedAt?: number;
  /** When the last render failed; cleared by a good one. */
  failedAt?: number;
  lastReadAt: number;
  /** Reads, each fading with DEMAND_FADE_MS as it ages: how much readers want this page now. */
  demand: number;
  /** A stale-page copy with its banner, made at most once a minute. */
  bannered?: { minute: number; snapshot: Snapshot };
}

export interface SnapshotCacheOptions {
  render: Renderer;
  /** A snapshot older than this is re-rendered on its next read (served stale meanwhile). */
  maxAgeMs: number;
  /** Changes closer together than this cause one re-render. */
  debounceMs?: number;
  /** After a failed render, the next attempt waits this long. */
  retryMs?: number;
  /** After a known change, readers wait this long for the render, then get the last good page with the stale notice. */
  changeWaitMs?: number;
  /** Upper bound on distinct snapshots kept (least recently read go first). */
  maxEntries?: number;
  /** Upper bound per route (the history's filters × pages, a component's ranges × regions …). */
  maxEntriesPerRoute?: number;
  /** Snapshots read within this window are re-rendered right after a change. */
  hotWindowMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface SnapshotStats {
  entries: number;
  renders: number;
  failedRenders: number;
  generation: number;
}

const COMPRESS_ABOVE = 1024;

/**
 * A render after a change normally takes 50–250 ms. One still running after this long is stuck behind a slow
 * database (a held lock): readers are not queued behind it, they get the last good page with the stale notice.
 */
export const CHANGE_WAIT_MS = 1_000;

/** Default cap of snapshots kept per route. */
export const SNAPSHOT_KEYS_PER_ROUTE = 256;

/** A read counts e-fold less after this long: after a change, what readers are reading now is rendered first. */
const DEMAND_FADE_MS = 5_000;

function demandAt(entry: Entry, now: number): number {
  return entry.demand * Math.exp(-(now - entry.lastReadAt) / DEMAND_FADE_MS);
}

function noteRead(entry: Entry, now: number): void {
  entry.demand = demandAt(entry, now) + 1;
  entry.lastReadAt = now;
}

/** Whether `promise` settles within `ms` (it keeps running either way). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms <= 0) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

function isFailure(rendered: Rendered): boolean {
  return rendered.status >= 500;
}

const GZIP_OPTIONS: zlib.ZlibOptions = { level: 6 };
const BROTLI_OPTIONS: zlib.BrotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };
const gzipOffLoop = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.gzip);
const brotliOffLoop = promisify<zlib.InputType, zlib.BrotliOptions, Buffer>(zlib.brotliCompress);

function withEtag(rendered: Rendered, renderedAt: number, generation: number, renderMs: number): Snapshot {
  const etag = `"${createHash("sha1").update(rendered.body).digest("base64url")}"`;
  return { ...rendered, etag, renderedAt, generation, renderMs };
}

function makeSnapshotSync(rendered: Rendered, renderedAt: number, generation: number, renderMs: number): Snapshot {
  const snapshot = withEtag(rendered, renderedAt, generation, renderMs);
  if (snapshot.body.length < COMPRESS_ABOVE) return snapshot;
  return {
    ...snapshot,
    gzip: zlib.gzipSync(snapshot.body, GZIP_OPTIONS),
    br: zlib.brotliCompressSync(snapshot.body, BROTLI_OPTIONS),
  };
}

/**
 * A fresh render's snapshot, compressed on libuv's threads rather than the event loop: a front page is a few
 * hundred KB, and the loop is serving readers from memory meanwhile (during an outage, while every hot page
 * re-renders).
 */
async function makeSnapshot(rendered: Rendered, renderedAt: number, generation: number, renderMs: number) {
  const snapshot = withEtag(rendered, renderedAt, generation, renderMs);
  if (snapshot.body.length < COMPRESS_ABOVE) return snapshot;
  const [gzip, br] = await Promise.all([
    gzipOffLoop(snapshot.body, GZIP_OPTIONS),
    brotliOffLoop(snapshot.body, BROTLI_OPTIONS),
  ]);
  return { ...snapshot, gzip, br };
}

export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private renders = 0;
  private failedRenders = 0;
  private debounce: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly options: Required<Omit<SnapshotCacheOptions, "log">> & { log: (line: string) => void };

  constructor(options: SnapshotCacheOptions) {
    this.options = {
      debounceMs: 150,
      retryMs: 2_000,
      changeWaitMs: CHANGE_WAIT_MS,
      maxEntries: 1_000,
      maxEntriesPerRoute: SNAPSHOT_KEYS_PER_ROUTE,
      hotWindowMs: 60_000,
      now: Date.now,
      log: () => {},
      ...options,
    };
  }

  stats(): SnapshotStats {
    return {
      entries: this.entries.size,
      renders: this.renders,
      failedRenders: this.failedRenders,
      generation: this.generation,
    };
  }

  /**
   * Something public changed: every snapshot is due at once (the first change
   * of a burst takes effect immediately), further changes within debounceMs
   * are folded into one more bump at its end. Recently read snapshots are
   * re-rendered right away.
   */
  invalidate(): void {
    if (this.closed) return;
    if (this.debounce) {
      this.pendingChange = true;
      return;
    }
    this.bump();
    const settle = () => {
      if (this.pendingChange && !this.closed) {
        this.pendingChange = false;
        this.bump();
        this.debounce = setTimeout(settle, this.options.debounceMs);
        this.debounce.unref();
      } else {
        this.debounce = undefined;
      }
    };
    this.debounce = setTimeout(settle, this.options.debounceMs);
    this.debounce.unref();
  }

  private pendingChange = false;

  private bump(): void {
    this.generation++;
    void this.refreshHot();
  }

  close(): void {
    this.closed = true;
    if (this.debounce) clearTimeout(this.debounce);
  }

  /**
   * The hot path, synchronous: the current snapshot when there is one that
   * no known change has outdated (an old one starts a background refresh).
   * Undefined means "ask get()".
   */
  peek(key: string): Snapshot | undefined {
    const entry = this.entries.get(key);
    const snapshot = entry?.snapshot;
    if (!entry || !snapshot || entry.failedAt !== undefined || snapshot.generation < this.generation) return undefined;
    const now = this.options.now();
    noteRead(entry, now);
    countSnapshotLookup(entry.route, true);
    if (now - snapshot.renderedAt >= this.options.maxAgeMs) void this.render(entry);
    return snapshot;
  }

  /** The snapshot for a key, rendering it if there is none yet; the failure when the first render fails. */
  async get(key: string, route = "default"): Promise<{ snapshot: Snapshot; stale: boolean } | { failure: Rendered }> {
    const now = this.options.now();
    let entry = this.entries.get(key);
    if (!entry) {
      this.makeRoom(route);
      entry = { key, route, lastReadAt: now, demand: 0 };
      this.entries.set(key, entry);
      this.routeSizes.set(route, (this.routeSizes.get(route) ?? 0) + 1);
    }
    noteRead(entry, now);
    // A miss: this reader waits for a render (a first one, or one after a known change).
    countSnapshotLookup(
      entry.route,
      !!entry.snapshot && !(entry.snapshot.generation < this.generation && entry.failedAt === undefined),
    );
    if (!entry.snapshot) {
      const first = await this.render(entry);
      if (first) return { snapshot: first, stale: false };
      return {
        failure: this.lastFailure.get(key) ?? {
          status: 503,
          contentType: "text/plain; charset=utf-8",
          body: Buffer.from("Service unavailable"),
        },
      };
    }
    if (entry.snapshot.generation < this.generation && entry.failedAt === undefined) {
      // A known change: nobody is shown the status from before it. Readers
      // share the one render; if it fails, or takes longer than changeWaitMs,
      // they get the last good page with the stale notice. A render already
      // running may have begun before the change: then wait for the next one.
      for (
        let attempt = 0;
        attempt < 3 && entry.snapshot!.generation < this.generation && entry.failedAt === undefined;
        attempt++
      ) {
        const rendering = this.render(entry);
        const left = (entry.renderStartedAt ?? now) + this.options.changeWaitMs - this.options.now();
        if (!(await settlesWithin(rendering, left))) {
          return { snapshot: this.bannered(entry, this.options.now()), stale: true };
        }
      }
    } else if (this.isDue(entry, now)) {
      // Only old: serve it while one render refreshes it.
      void this.render(entry);
    }
    const failing = entry.failedAt !== undefined;
    return { snapshot: failing ? this.bannered(entry, now) : entry.snapshot!, stale: failing };
  }

  private readonly lastFailure = new Map<string, Rendered>();

  private isDue(entry: Entry, now: number): boolean {
    const snapshot = entry.snapshot;
    if (!snapshot) return true;
    if (entry.failedAt !== undefined) return now - entry.failedAt >= this.options.retryMs;
    return snapshot.generation < this.generation || now - snapshot.renderedAt >= this.options.maxAgeMs;
  }

  private bannered(entry: Entry, now: number): Snapshot {
    const snapshot = entry.snapshot!;
    if (!snapshot.contentType.startsWith("text/html")) return snapshot;
    const minute = Math.floor(now / 60_000);
    if (entry.bannered?.minute === minute && entry.bannered.snapshot.renderedAt === snapshot.renderedAt)
      return entry.bannered.snapshot;
    const body = withStaleBanner(snapshot.body, snapshot.renderedAt, now);
    const copy = makeSnapshotSync({ ...snapshot, body }, snapshot.renderedAt, snapshot.generation, snapshot.renderMs);
    entry.bannered = { minute, snapshot: copy };
    return copy;
  }

  /** Single-flight: concurrent callers share one render. */
  private render(entry: Entry): Promise<Snapshot | undefined> {
    if (entry.rendering) return entry.rendering;
    const generation = this.generation;
    const started = this.options.now();
    const clock = performance.now();
    entry.renderStartedAt = started;
    entry.rendering = (async () => {
      this.renders++;
      try {
        const rendered = await this.options.render(entry.key);
        if (isFailure(rendered)) {
          this.lastFailure.set(entry.key, rendered);
          throw new Error(`status ${rendered.status}`);
        }
        const snapshot = await makeSnapshot(rendered, started, generation, performance.now() - clock);
        recordSnapshotRender(entry.route, snapshot.renderMs, true);
        entry.snapshot = snapshot;
        entry.failedAt = undefined;
        entry.bannered = undefined;
        this.lastFailure.delete(entry.key);
        return snapshot;
      } catch (error) {
        this.failedRenders++;
        recordSnapshotRender(entry.route, performance.now() - clock, false);
        if (entry.failedAt === undefined)
          this.options.log(`snapshot ${entry.key}: render failed (${String(error)}); serving the last good one`);
        entry.failedAt = this.options.now();
        return entry.snapshot;
      } finally {
        entry.rendering = undefined;
      }
    })();
    return entry.rendering;
  }

  private async refreshHot(): Promise<void> {
    const now = this.options.now();
    // Only pages that exist are worth re-rendering: a 404 or a redirect is never hot.
    const hot = [...this.entries.values()]
      .filter((e) => e.snapshot?.status === 200 && now - e.lastReadAt <= this.options.hotWindowMs)
      .sort((a, b) => demandAt(b, now) - demandAt(a, now));
    // One at a time: re-rendering must not starve the readers it is for.
    for (const entry of hot) {
      if (this.closed) return;
      // A render already running when the change came saw the old data: render once more.
      for (let attempt = 0; attempt < 2 && entry.snapshot && entry.snapshot.generation < this.generation; attempt++) {
        await this.render(entry);
        if (entry.failedAt !== undefined) break;
      }
    }
  }

  private readonly routeSizes = new Map<string, number>();

  /** Before a new entry of `route`: drop the least recently read of that route at its cap, and of all at the global cap. */
  private makeRoom(route: string): void {
    if ((this.routeSizes.get(route) ?? 0) >= this.options.maxEntriesPerRoute) this.dropOldest((e) => e.route === route);
    if (this.entries.size >= this.options.maxEntries) this.dropOldest(() => true);
  }

  private dropOldest(where: (entry: Entry) => boolean): void {
    let oldest: Entry | undefined;
    for (const entry of this.entries.values())
      if (where(entry) && (!oldest || entry.lastReadAt < oldest.lastReadAt)) oldest = entry;
    if (!oldest) return;
    this.entries.delete(oldest.key);
    this.lastFailure.delete(oldest.key);
    this.routeSizes.set(oldest.route, (this.routeSizes.get(oldest.route) ?? 1) - 1);
  }
}
