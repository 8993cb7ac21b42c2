// The public hot path on the real server: the status page comes from a
// snapshot that no request can bypass, CDNs and browsers may cache it, and a
// status change shows on the next read.
import { expect, test } from "@playwright/test";
import { sql } from "./database.ts";

const setStatus = (status: string | null) =>
  sql(
    `UPDATE "ComponentRegion" cr SET "probeStatus" = $1::"ComponentStatus", "probeStatusSince" = now()
       FROM "Component" c, "Region" r WHERE cr."componentId" = c.id AND cr."regionId" = r.id AND c.key = 'checkout' AND r.key = 'us-central1.gcp'`,
    [status],
  );

test.describe("status page snapshots", () => {
  test.afterEach(async () => {
    await setStatus(null);
  });

  test("every way of asking for the page gets the same snapshot, cacheable and revalidatable", async ({ request }) => {
    const first = await request.get("/");
    expect(first.status()).toBe(200);
    const etag = first.headers().etag!;
    expect(etag).toBeTruthy();
    expect(first.headers()["cache-control"]).toContain("s-maxage=");
    expect(first.headers()["cache-control"]).toContain("stale-while-revalidate=");
    for (const variant of [
      request.get("/?nocache=1"),
      request.get("/", { headers: { "cache-control": "no-cache", pragma: "no-cache" } }),
      request.get("/", { headers: { RSC: "1", "Next-Router-Prefetch": "1" } }),
    ]) {
      const response = await variant;
      expect(response.headers().etag).toBe(etag);
      expect(response.headers()["content-type"]).toContain("text/html");
    }
    const revalidated = await request.get("/", { headers: { "if-none-match": etag } });
    expect(revalidated.status()).toBe(304);
  });

  test("a status change is on the very next read", async ({ request }) => {
    const before = await request.get("/");
    await setStatus("major_outage");
    const after = await request.get("/");
    expect(after.headers().etag).not.toBe(before.headers().etag);
    expect(await after.text()).toContain("Major System Outage");
  });

  test("the console and the APIs that are not public snapshots still go to the application", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.headers().etag).toBeUndefined();
    expect(health.headers()["cache-control"] ?? "").not.toContain("s-maxage");
  });
});
