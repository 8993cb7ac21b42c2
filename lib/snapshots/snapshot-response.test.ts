import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "./cache.ts";
import { sendSnapshot } from "./snapshot-response.ts";

const body = Buffer.from(`<html><body>${"<p>operational</p>".repeat(200)}</body></html>`);
const snapshot: Snapshot = {
  renderMs: 12.34,
  status: 200,
  contentType: "text/html; charset=utf-8",
  headers: { "content-security-policy": "frame-ancestors 'self'", "x-content-type-options": "nosniff" },
  body,
  br: zlib.brotliCompressSync(body),
  etag: '"abc"',
  renderedAt: Date.parse("2026-12-04T10:00:00Z"),
  generation: 0,
};

let server: http.Server;
let url: string;
let now = snapshot.renderedAt;

beforeAll(async () => {
  server = http.createServer((req, res) => sendSnapshot(req, res, snapshot, { maxAgeSeconds: 5, stale: false, now }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sendSnapshot", () => {
  it("keeps each variant's headers but tells every reader the snapshot's current age", async () => {
    now = snapshot.renderedAt + 300;
    const first = await fetch(url, { headers: { "accept-encoding": "br" } });
    expect(first.headers.get("age")).toBe("0");
    expect(first.headers.get("content-encoding")).toBe("br");
    expect(first.headers.get("content-security-policy")).toBe("frame-ancestors 'self'");
    expect(await first.text()).toBe(body.toString());
    now = snapshot.renderedAt + 2_400;
    const later = await fetch(url, { headers: { "accept-encoding": "br" } });
    expect(later.headers.get("age")).toBe("2");
    expect(later.headers.get("server-timing")).toBe('render;dur=12.3;desc="snapshot rendered 2 s ago"');
  });

  it("answers each encoding with its own bytes and length, and a matching ETag with 304", async () => {
    const plain = await fetch(url, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("content-length")).toBe(String(body.length));
    const again = await fetch(url, { headers: { "if-none-match": '"abc"', "accept-encoding": "br" } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe('"abc"');
  });
});
