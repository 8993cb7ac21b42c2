// The public hot path's cache against a real PostgreSQL: renders shared by a
// crowd, changes announced by committed transactions, the last good page kept
// while the database is away, and the HTTP side (ETag, 304, compression).
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { announcePublicChange } from "../../lib/public/changes.ts";
import { type ChangeListener, listenForPublicChanges } from "../../lib/snapshots/change-listener.ts";
import { type Rendered, SnapshotCache } from "../../lib/snapshots/cache.ts";
import { sendSnapshot } from "../../lib/snapshots/snapshot-response.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeRegion } from "../support/factories.ts";
import { sql } from "../support/sql.ts";

let database: TestDatabase;
let regionId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  regionId = (await makeRegion(database.db, { key: "eu-central-1.aws" })).id;
  await database.db.region.update({ where: { id: regionId }, data: { name: "Alpha" } });
});
afterAll(async () => {
  await database.drop();
});

/** A page that shows what the database says now, like the status page does. */
function pageRenderer(counter: { renders: number; fail?: boolean }) {
  return async (key: string): Promise<Rendered> => {
    counter.renders++;
    if (counter.fail)
      return {
        status: 503,
        contentType: "text/html; charset=utf-8",
        body: Buffer.from("<html><body>down</body></html>"),
      };
    const region = await database.db.region.findUniqueOrThrow({ where: { id: regionId } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: Buffer.from(
        `<html><body class="x"><h1>${key}: ${region.name}</h1>${"<p>status</p>".repeat(200)}</body></html>`,
      ),
    };
  };
}

function text(result: Awaited<ReturnType<SnapshotCache["get"]>>): string {
  if ("failure" in result) throw new Error(`failure ${result.failure.status}`);
  return result.snapshot.body.toString("utf8");
}

async function rename(name: string, announce = true) {
  await database.db.$transaction(async (tx) => {
    await tx.region.update({ where: { id: regionId }, data: { name } });
    if (announce) await announcePublicChange(tx, "region renamed");
  });
}

describe("the snapshot cache", () => {
  it("renders once for a crowd of first readers", async () => {
    const counter = { renders: 0 };
    const cache = new SnapshotCache({ render: pageRenderer(counter), maxAgeMs: 60_000 });
    const bodies = await Promise.all(Array.from({ length: 50 }, () => cache.get("/")).map(async (r) => text(await r)));
    expect(counter.renders).toBe(1);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain("/: Alpha");
    cache.close();
  });

  it("shows a committed change to the very next reader after it is announced, and never a rolled-back one", async () => {
    const counter = { renders: 0 };
    const cache = new SnapshotCache({ render: pageRenderer(counter), maxAgeMs: 60_000, debounceMs: 50 });
    const listener: ChangeListener = listenForPublicChanges(database.url, () => cache.invalidate());
    try {
      await vi.waitFor(async () =>
        expect((await sql(database.url, `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN%'`)).length).toBe(1),
      );
      expect(text(await cache.get("/"))).toContain("Alpha");

      await expect(
        database.db.$transaction(async (tx) => {
          await tx.region.update({ where: { id: regionId }, data: { name: "Rolled back" } });
          await announcePublicChange(tx, "region renamed");
          throw new Error("abort");
        }),
      ).rejects.toThrow("abort");
      expect(cache.peek("/")?.body.toString()).toContain("Alpha");
      await rename("Beta");
      await vi.waitFor(() => expect(cache.stats().generation).toBeGreaterThan(0));
      // The synchronous hot path never hands out a page a known change has outdated.
      const peeked = cache.peek("/");
      expect(peeked === undefined || peeked.body.toString().includes("Beta")).toBe(true);
      const after = text(await cache.get("/"));
      expect(after).toContain("Beta");
      expect(after).not.toContain("Rolled back");

      // Until something changes, readers get the same bytes without a render.
      const renders = counter.renders;
      await Promise.all(Array.from({ length: 20 }, () => cache.get("/")));
      expect(counter.renders).toBe(renders);
    } finally {
      cache.close();
      await listener.close();
      await rename("Alpha", false);
    }
  });

  it("never hands a reader after a change the render that began before it", async () => {
    let release: () => void = () => {};
    let version = "v1";
    const cache = new SnapshotCache({
      render: async () => {
        const seen = version;
        if (seen === "v2") await new Promise<void>((resolve) => (release = resolve));
        return { status: 200, contentType: "text/html", body: Buffer.from(`<html><body>${seen}</body></html>`) };
      },
      maxAgeMs: 0,
      debounceMs: 1,
    });
    expect(text(await cache.get("/"))).toContain("v1");
    version = "v2";
    const old = cache.get("/"); // age-due: serves v1 and starts a render that sees v2, held open
    expect(text(await old)).toContain("v1");
    version = "v3";
    cache.invalidate(); // a change after that render began
    const reader = cache.get("/");
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    expect(text(await reader)).toContain("v3");
    cache.close();
  });

  /** Connections of this database waiting in LISTEN: the change listener's. */
  const listening = async () =>
    (
      await sql(
        database.url,
        `SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`,
      )
    ).length;

  it("keeps listening after its connection is cut, and treats the gap as a change", async () => {
    const cache = new SnapshotCache({ render: pageRenderer({ renders: 0 }), maxAgeMs: 60_000, debounceMs: 10 });
    const listener = listenForPublicChanges(database.url, () => cache.invalidate(), { minRetryMs: 50 });
    try {
      await vi.waitFor(async () => expect(await listening()).toBe(1));
      await cache.get("/");
      await sql(
        database.url,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`,
      );
      await vi.waitFor(async () => expect(await listening()).toBe(1), { timeout: 10_000 });
      await vi.waitFor(() => expect(cache.stats().generation).toBeGreaterThanOrEqual(1));
      const before = cache.stats().generation;
      await rename("Gamma");
      await vi.waitFor(() => expect(cache.stats().generation).toBeGreaterThan(before));
      expect(text(await cache.get("/"))).toContain("Gamma");
    } finally {
      cache.close();
      await listener.close();
      await rename("Alpha", false);
    }
  });

  it("reports losing the database at once, so pages re-render and show the stale notice without waiting for age", async () => {
    const heard: string[] = [];
    const listener = listenForPublicChanges(database.url, (what) => heard.push(what), { minRetryMs: 5_000 });
    try {
      await vi.waitFor(async () => expect(await listening()).toBe(1));
      expect(heard).toEqual([]);
      await sql(
        database.url,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`,
      );
      // Well before the first reconnect (5 s): the loss itself is the change.
      await vi.waitFor(() => expect(heard).toEqual(["connection lost"]), { timeout: 2_000 });
      await vi.waitFor(() => expect(heard).toEqual(["connection lost", "reconnected"]), { timeout: 15_000 });
    } finally {
      await listener.close();
    }
  });

  it("serves the last good page, saying how old it is, while renders fail — and recovers", async () => {
    const counter = { renders: 0, fail: false };
    let now = Date.parse("2026-11-22T10:00:00Z");
    const cache = new SnapshotCache({ render: pageRenderer(counter), maxAgeMs: 5_000, retryMs: 1_000, now: () => now });
    expect(text(await cache.get("/"))).toContain("Alpha");

    counter.fail = true;
    cache.invalidate();
    now += 7 * 60_000;
    const during = await cache.get("/");
    if ("failure" in during) throw new Error("expected the last good page");
    expect(during.stale).toBe(true);
    const page = during.snapshot.body.toString("utf8");
    expect(page).toContain("/: Alpha");
    expect(page).toContain(
      "Live status is temporarily unavailable. This page shows the status as of 2026-11-22 10:00 UTC (7 minutes ago)",
    );
    expect(page.indexOf("data-stale-snapshot")).toBeGreaterThan(page.indexOf("<body"));

    // A reader who never had a page gets the failure, not an empty 200.
    const cold = await cache.get("/history");
    expect("failure" in cold && cold.failure.status).toBe(503);

    counter.fail = false;
    now += 2_000;
    await cache.get("/");
    await vi.waitFor(async () => {
      const healed = await cache.get("/");
      expect("snapshot" in healed && healed.stale).toBe(false);
      expect(text(healed)).not.toContain("temporarily unavailable");
    });
    cache.close();
  });

  it("serves a merely old snapshot at once while one render refreshes it", async () => {
    const counter = { renders: 0 };
    let now = 0;
    const cache = new SnapshotCache({ render: pageRenderer(counter), maxAgeMs: 5_000, now: () => now });
    await cache.get("/");
    await database.db.region.update({ where: { id: regionId }, data: { name: "Delta" } });
    now = 6_000;
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.get("/")));
    expect(results.map(text).every((t) => t.includes("Alpha"))).toBe(true);
    expect(counter.renders).toBe(2);
    await vi.waitFor(async () => expect(text(await cache.get("/"))).toContain("Delta"));
    cache.close();
    await rename("Alpha", false);
  });
});

describe("after a change", () => {
  it("re-renders first the page readers are reading now, not the one read most long ago", async () => {
    let now = 0;
    const order: string[] = [];
    const render = pageRenderer({ renders: 0 });
    const cache = new SnapshotCache({
      render: async (key) => {
        order.push(key);
        return render(key);
      },
      maxAgeMs: 600_000,
      debounceMs: 10,
      now: () => now,
    });
    // The API was read a thousand times a minute ago; the page is being read now, less often.
    await cache.get("/api/v2/summary.json");
    for (let i = 0; i < 1000; i++) cache.peek("/api/v2/summary.json");
    now = 40_000;
    await cache.get("/");
    for (let i = 0; i < 20; i++) cache.peek("/");
    order.length = 0;
    cache.invalidate();
    await vi.waitFor(() => expect(order).toEqual(["/", "/api/v2/summary.json"]));
    cache.close();
  });
});

describe("sending a snapshot", () => {
  let server: http.Server;
  let base: string;
  const cache = new SnapshotCache({ render: pageRenderer({ renders: 0 }), maxAgeMs: 60_000 });
  const json = new SnapshotCache({
    render: async () => ({
      status: 200,
      contentType: "application/json; charset=utf-8",
      body: Buffer.from(JSON.stringify({ status: "ok", pad: "x".repeat(4000) })),
      headers: { "access-control-allow-origin": "*" },
    }),
    maxAgeMs: 60_000,
  });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const source = req.url === "/json" ? json : cache;
      void source.get(req.url ?? "/").then((result) => {
        if ("failure" in result) throw new Error("no failure expected");
        sendSnapshot(req, res, result.snapshot, { maxAgeSeconds: 5, stale: result.stale, now: Date.now() });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    cache.close();
    json.close();
    await new Promise((resolve) => server.close(resolve));
  });

  function get(path: string, headers: Record<string, string> = {}, method = "GET") {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("lets a CDN and browsers cache it, and answers a matching ETag with 304", async () => {
    const first = await get("/");
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe(
      "public, max-age=0, s-maxage=5, stale-while-revalidate=30, stale-if-error=86400",
    );
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.vary).toBe("Accept-Encoding");
    const again = await get("/", { "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get("/", { "if-none-match": '"something-else"' })).status).toBe(200);
  });

  it("compresses for clients that accept it and answers HEAD without a body", async () => {
    const plain = await get("/");
    const br = await get("/", { "accept-encoding": "gzip, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await get("/", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const head = await get("/", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBe(plain.body.length);
  });

  it("keeps the render's CORS header, so any origin can read the JSON API", async () => {
    const res = await get("/json");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(JSON.parse(res.body.toString()).status).toBe("ok");
  });
});
