// The web server: a plain node:http server in front of Next's request
// handler. Every request passes the front door (front-door.ts: client
// address, security headers); public hot paths (lib/snapshots/routes.ts) are
// answered from in-memory snapshots (lib/snapshots/cache.ts, DESIGN.md "The hot
// path"); everything else goes to Next. Snapshots are rendered by Next itself
// through a loopback-only listener that has no cache in front of it: the
// renderer's, in a process of its own (renderer.ts), or while that one is not
// up, this process's own.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createDb } from "../db.ts";
import { getEnv } from "../env.ts";
import { type TrustedProxies, parseTrustedProxies } from "./client-address.ts";
import { type ChangeListener, listenForPublicChanges } from "../snapshots/change-listener.ts";
import { createFrontDoor } from "./front-door.ts";
import { prepareNextHandler } from "./next-handler.ts";
import { type RendererProcess, startRendererProcess } from "./renderer.ts";
import type { SecurityHeaderSettings } from "./security-headers.ts";
import { loadSnapshotVocabulary, SnapshotVocabularyLoader } from "../snapshots/vocabulary.ts";
import { logLine } from "../observability/log.ts";
import { prepareInstrumentation } from "../observability/instrument.ts";
import { KEPT_HEADERS, type Rendered, SnapshotCache, type SnapshotStats } from "../snapshots/cache.ts";

export interface WebServer {
  url: string;
  /** Counters of the snapshot cache; undefined when snapshots are off (development). */
  snapshotStats(): SnapshotStats | undefined;
  close(): Promise<void>;
}

export interface WebServerOptions {
  host: string;
  port: number;
  dev?: boolean;
  dir?: string;
  /** Where public changes are announced (LISTEN); without it snapshots only expire by age. */
  databaseUrl?: string;
  /** How long a cache in front may keep a page (s-maxage); default 5 s. */
  snapshotMaxAgeSeconds?: number;
  /**
   * How old a snapshot may grow with no public change before it is re-rendered anyway, for what time alone moves
   * (relative times, today's bar). Default 30 s when changes are heard (databaseUrl); without them, 5 s. A render
   * of the front page holds the event loop for tens of milliseconds, so needless ones show in every reader's p99.
   */
  snapshotRefreshSeconds?: number;
  /** Serve public pages from snapshots; default true outside development. Off: every request renders (benchmarks of the render). */
  snapshots?: boolean;
  /**
   * Where snapshots are rendered; default SNAPSHOT_RENDERER. "process" forks a renderer (renderer.ts), so a render
   * never holds the loop that serves readers; "inline" renders in this process (one Next process fewer: ~190 MB).
   */
  renderer?: "process" | "inline";
  /** Who may set X-Forwarded-For; default TRUSTED_PROXIES. */
  trustedProxies?: TrustedProxies;
  /** CSP frame-ancestors of the public pages; default PUBLIC_FRAME_ANCESTORS. */
  publicFrameAncestors?: string;
  log?: (line: string) => void;
}

const MAX_RENDER_BYTES = 8 * 1024 * 1024;

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" ? new Error(`Port ${port} is already in use: set PORT to a free one.`) : error,
      ),
    );
    server.listen(port, host, resolve);
  });
}

/** GET a path from the internal listener, whole, as a snapshot render. */
function renderThrough(port: number, key: string): Promise<Rendered> {
  return new Promise<Rendered>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: key,
        method: "GET",
        headers: { accept: "text/html,application/json;q=0.9,*/*;q=0.8", "accept-encoding": "identity" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RENDER_BYTES) request.destroy(new Error(`${key} is larger than ${MAX_RENDER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.on("end", () => {
          const headers: Record<string, string> = {};
          for (const name of KEPT_HEADERS) {
            const value = response.headers[name];
            if (typeof value === "string") headers[name] = value;
          }
          resolve({
            status: response.statusCode ?? 500,
            contentType: String(response.headers["content-type"] ?? "application/octet-stream"),
            body: Buffer.concat(chunks),
            location: response.headers.location,
            headers,
          });
        });
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`rendering ${key} took longer than 30 s`)));
    request.on("error", reject);
    request.end();
  });
}

/** Errors of a renderer that went away mid-request or is not listening: render here instead. */
const RENDERER_GONE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE"]);

function rendererGone(error: unknown): boolean {
  return (
    RENDERER_GONE.has((error as NodeJS.ErrnoException)?.code ?? "") || (error as Error)?.message === "socket hang up"
  );
}

interface SnapshotServing {
  cache: SnapshotCache;
  vocabulary?: SnapshotVocabularyLoader;
  close(): Promise<void>;
}

/**
 * The snapshot cache, rendering through a loopback-only listener in front of
 * Next, and — with a database — what exists (the vocabulary) and the change
 * listener that keeps both current.
 */
async function startSnapshotServing(
  options: WebServerOptions,
  render: http.RequestListener,
  renderer: RendererProcess | undefined,
  log: (line: string) => void,
): Promise<SnapshotServing> {
  const internal = http.createServer(render);
  await listen(internal, 0, "127.0.0.1");
  const internalPort = (internal.address() as AddressInfo).port;
  const cache = new SnapshotCache({
    render: async (key) => {
      const port = renderer?.port();
      if (port !== undefined) {
        try {
          return await renderThrough(port, key);
        } catch (error) {
          if (!rendererGone(error)) throw error;
        }
      }
      return renderThrough(internalPort, key);
    },
    maxAgeMs: (options.snapshotRefreshSeconds ?? (options.databaseUrl ? 30 : 5)) * 1000,
    log,
  });
  let vocabulary: SnapshotVocabularyLoader | undefined;
  let listener: ChangeListener | undefined;
  let vocabularyDb: ReturnType<typeof createDb> | undefined;
  if (options.databaseUrl) {
    const client = createDb(options.databaseUrl, { max: 1 });
    vocabularyDb = client;
    const loader = new SnapshotVocabularyLoader({ load: () => loadSnapshotVocabulary(client), log });
    vocabulary = loader;
    await loader.changed();
    listener = listenForPublicChanges(
      options.databaseUrl,
      () => {
        void loader.changed();
        cache.invalidate();
      },
      { log },
    );
  }
  return {
    cache,
    vocabulary,
    async close() {
      cache.close();
      await renderer?.close();
      vocabulary?.close();
      await listener?.close();
      await vocabularyDb?.$disconnect();
      internal.closeAllConnections();
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    },
  };
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.log ?? logLine;
  const dev = options.dev ?? false;
  const dir = options.dir ?? process.cwd();
  const headers: SecurityHeaderSettings = {
    publicFrameAncestors: options.publicFrameAncestors ?? getEnv().PUBLIC_FRAME_ANCESTORS,
    dev,
  };
  const trustedProxies = options.trustedProxies ?? parseTrustedProxies(getEnv().TRUSTED_PROXIES);
  // Development renders every request, so edits show at once.
  const useSnapshots = options.snapshots ?? !dev;
  // The renderer boots its own Next while this process prepares its own.
  const renderer =
    useSnapshots && (options.renderer ?? getEnv().SNAPSHOT_RENDERER) === "process"
      ? startRendererProcess({
          dir,
          databaseUrl: options.databaseUrl,
          publicFrameAncestors: headers.publicFrameAncestors,
          log,
        })
      : undefined;
  const nextHandler = await prepareNextHandler({
    dev,
    dir,
    host: options.host,
    port: options.port,
    trustedProxies,
    headers,
  }).catch(async (error: unknown) => {
    await renderer?.close();
    throw error;
  });
  const { toNext } = nextHandler;
  const serving = useSnapshots ? await startSnapshotServing(options, nextHandler.render, renderer, log) : undefined;
  await renderer?.started;
  const cache = serving?.cache;
  const maxAgeSeconds = options.snapshotMaxAgeSeconds ?? 5;

  // Request ids, counts and /metrics around everything (lib/observability/instrument.ts).
  const instrumentation = prepareInstrumentation({
    dir: options.dir ?? process.cwd(),
    databaseUrl: options.databaseUrl,
    metricsToken: getEnv().METRICS_TOKEN,
  });
  const server = http.createServer(
    instrumentation.wrap(
      createFrontDoor({
        toNext,
        trustedProxies,
        headers,
        snapshots: cache ? { cache, maxAgeSeconds, vocabulary: serving?.vocabulary } : undefined,
      }),
    ),
  );
  await listen(server, options.port, options.host);
  const shownHost = options.host === "0.0.0.0" || options.host === "127.0.0.1" ? "localhost" : options.host;
  const closeServer = (s: http.Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  return {
    url: `http://${shownHost}:${(server.address() as AddressInfo).port}`,
    snapshotStats: () => cache?.stats(),
    async close() {
      await closeServer(server);
      await serving?.close();
      await instrumentation.close();
      void nextHandler.close();
    },
  };
}
