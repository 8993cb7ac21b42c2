// Finding 2: the snapshot cache could be bypassed or flooded — random ranges
// and zero-padded pages rendered afresh, long values, percent-encoded paths
// and POST skipped the cache, and junk keys counted as hot. Here the real
// front door and snapshot cache run over a real database's vocabulary; the
// renderer stands in for Next's render and counts what it is asked to render.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announcePublicChange } from "../../lib/public/changes.ts";
import { parseTrustedProxies } from "../../lib/http/client-address.ts";
import { createFrontDoor, NOT_FOUND_KEY } from "../../lib/http/front-door.ts";
import { snapshotKey } from "../../lib/snapshots/routes.ts";
import { loadSnapshotVocabulary, SnapshotVocabularyLoader } from "../../lib/snapshots/vocabulary.ts";
import { type Rendered, SnapshotCache } from "../../lib/snapshots/cache.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeIncident, makeProduct, makeRegion } from "../support/factories.ts";

let t: TestDatabase;
let incidentId: string;
let crId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db, { key: "eu-central-1.aws" });
  const checkout = await makeComponent(t.db, (await makeProduct(t.db)).id, { key: "checkout" });
  crId = (await makeComponentRegion(t.db, checkout.id, region.id)).id;
  incidentId = (await makeIncident(t.db, [{ componentRegionId: crId, status: "major_outage" }])).id;
});
afterAll(async () => {
  await t.drop();
});

interface Site {
  base: string;
  rendered: string[];
  cache: SnapshotCache;
  vocabulary: SnapshotVocabularyLoader;
  toNext: string[];
  close(): Promise<void>;
}

/** Renders like Next: 404 for what does not exist, a page for the rest. */
async function startSite(options: { maxEntriesPerRoute?: number } = {}): Promise<Site> {
  const rendered: string[] = [];
  const toNext: string[] = [];
  const render = async (key: string): Promise<Rendered> => {
    rendered.push(key);
    const status = key === NOT_FOUND_KEY ? 404 : 200;
    return {
      status,
      contentType: "text/html; charset=utf-8",
      body: Buffer.from(`<html><body><h1>${status} ${key}</h1>${"<p>x</p>".repeat(100)}</body></html>`),
    };
  };
  const cache = new SnapshotCache({
    render,
    maxAgeMs: 60_000,
    debounceMs: 20,
    maxEntriesPerRoute: options.maxEntriesPerRoute,
  });
  const vocabulary = new SnapshotVocabularyLoader({ load: () => loadSnapshotVocabulary(t.db) });
  await vocabulary.changed();
  const server = http.createServer(
    createFrontDoor({
      toNext: (req, res) => {
        toNext.push(`${req.method} ${req.url}`);
        res.writeHead(204).end();
      },
      trustedProxies: parseTrustedProxies(undefined),
      headers: { publicFrameAncestors: "'self'" },
      snapshots: { cache, maxAgeSeconds: 60, vocabulary },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rendered,
    cache,
    vocabulary,
    toNext,
    async close() {
      cache.close();
      vocabulary.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("snapshot keys from validated, canonical values", () => {
  it("gives an invalid option its default, decodes the path, and keeps no value that is not a real filter", () => {
    expect(snapshotKey("/components/checkout?range=zz9")).toBe("/components/checkout");
    expect(snapshotKey("/components/checkout?range=24h")).toBe("/components/checkout");
    expect(snapshotKey("/components/checkout?range=7d")).toBe("/components/checkout?range=7d");
    expect(snapshotKey("/history?page=00002")).toBe("/history?page=2");
    expect(snapshotKey("/history?page=1")).toBe("/history");
    expect(snapshotKey("/components/%63heckout")).toBe("/components/checkout");
    expect(snapshotKey(`/history?region=${"x".repeat(500)}`)).toBe("/history");
  });
});

describe("the front door", () => {
  it("serves random ranges, zero-padded pages, long values and encoded paths from the one snapshot of each page", async () => {
    const site = await startSite();
    try {
      const targets = [
        ...Array.from({ length: 50 }, (_, i) => `/components/checkout?range=${i}x${Math.random()}`),
        ...Array.from({ length: 50 }, (_, i) => `/history?page=${"0".repeat(i + 1)}1`),
        `/components/checkout?range=${"7".repeat(200)}`,
        "/components/%63heckout",
        "/components/%63%68%65%63%6b%6f%75%74",
      ];
      for (const target of targets) expect((await fetch(`${site.base}${target}`)).status).toBe(200);
      expect(site.rendered.sort()).toEqual(["/components/checkout", "/history"]);
      expect(site.toNext).toEqual([]);
    } finally {
      await site.close();
    }
  });

  it("answers 405 to anything but GET and HEAD on pages, without rendering; machine routes keep their CORS preflight", async () => {
    const site = await startSite();
    try {
      for (const [method, path] of [
        ["POST", "/"],
        ["PUT", "/history"],
        ["DELETE", `/incidents/${incidentId}`],
        ["OPTIONS", "/"],
      ] as const) {
        const response = await fetch(`${site.base}${path}`, { method, body: method === "POST" ? "x=1" : undefined });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get("allow")).toBe("GET, HEAD");
      }
      const post = await fetch(`${site.base}/api/v2/summary.json`, { method: "POST" });
      expect(post.status).toBe(405);
      expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect((await fetch(`${site.base}/api/v2/summary.json`, { method: "OPTIONS" })).status).toBe(204);
      expect(site.rendered).toEqual([]);
      expect(site.toNext).toEqual(["OPTIONS /api/v2/summary.json"]);
    } finally {
      await site.close();
    }
  });

  it("shares one 404 snapshot among everything that does not exist, and a flood of 10,000 junk URLs renders no more than the cap", async () => {
    const site = await startSite({ maxEntriesPerRoute: 16 });
    try {
      expect((await fetch(`${site.base}/`)).status).toBe(200);
      const junk = (i: number) =>
        [
          `/incidents/no-such-${i}`,
          `/regions/nowhere-${i}`,
          `/components/none-${i}?range=7d`,
          `/history?page=${1000 + i}`,
          `/history?region=r${i}&component=c${i}`,
          `/maintenance/m${i}`,
          `/components/checkout?region=x${i}`,
          `/feed.atom?region=nowhere-${i}`,
          `/badge/none-${i}.svg`,
          `/?nocache=${i}`,
        ][i % 10]!;
      const statuses = new Map<number, number>();
      for (let start = 0; start < 10_000; start += 100) {
        const batch = await Promise.all(
          Array.from({ length: 100 }, (_, j) =>
            fetch(`${site.base}${junk(start + j)}`).then((r) => r.arrayBuffer().then(() => r.status)),
          ),
        );
        for (const status of batch) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      // Junk is a 404 (or, for an unknown option, the page's default); only real pages were rendered, once each.
      expect(statuses.get(404)).toBe(7_000);
      expect(new Set(site.rendered)).toEqual(new Set(["/", NOT_FOUND_KEY, "/history", "/components/checkout"]));
      expect(site.rendered.length).toBeLessThanOrEqual(16);
      expect(site.cache.stats().entries).toBeLessThanOrEqual(4);
    } finally {
      await site.close();
    }
  });

  it("after a change re-renders only pages that exist and are being read, not 404s", async () => {
    const site = await startSite();
    try {
      await fetch(`${site.base}/`);
      await fetch(`${site.base}/incidents/nope`);
      await fetch(`${site.base}/incidents/${incidentId}`);
      site.rendered.length = 0;
      site.cache.invalidate();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(site.rendered.sort()).toEqual(["/", `/incidents/${incidentId}`]);
    } finally {
      await site.close();
    }
  });

  it("caps the snapshots kept per route", async () => {
    const site = await startSite({ maxEntriesPerRoute: 3 });
    try {
      for (const range of ["24h", "7d", "30d"])
        for (const region of ["", "eu-central-1.aws"])
          await fetch(`${site.base}/components/checkout?range=${range}&region=${region}`);
      expect(site.rendered).toHaveLength(6);
      expect(site.cache.stats().entries).toBe(3);
    } finally {
      await site.close();
    }
  });

  it("knows an incident published a moment ago: a reader arriving while the vocabulary reloads gets the page, not a 404", async () => {
    const site = await startSite();
    try {
      const fresh = await makeIncident(t.db, [{ componentRegionId: crId, status: "partial_outage" }], {
        review: "proposed",
      });
      expect((await fetch(`${site.base}/incidents/${fresh.id}`)).status).toBe(404);
      await t.db.$transaction(async (tx) => {
        await tx.incident.update({ where: { id: fresh.id }, data: { review: "approved" } });
        await announcePublicChange(tx, "approved");
      });
      // What the change listener does on NOTIFY; the reader does not wait for the reload to finish.
      void site.vocabulary.changed();
      expect((await fetch(`${site.base}/incidents/${fresh.id}`)).status).toBe(200);
    } finally {
      await site.close();
    }
  });
});
