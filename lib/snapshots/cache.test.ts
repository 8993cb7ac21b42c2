import { describe, expect, it } from "vitest";
import { type Rendered, SnapshotCache } from "./cache.ts";

const page = (text: string): Rendered => ({
  status: 200,
  contentType: "text/html; charset=utf-8",
  body: Buffer.from(`<html><body><main>${text}</main></body></html>`),
});

describe("the snapshot cache after a change", () => {
  it("waits for the new render when it is quick", async () => {
    let version = 1;
    const cache = new SnapshotCache({ render: async () => page(`v${version}`), maxAgeMs: 60_000 });
    await cache.get("/");
    version = 2;
    cache.invalidate();
    const read = await cache.get("/");
    expect("snapshot" in read && read.snapshot.body.toString()).toContain("v2");
    cache.close();
  });

  it("does not queue readers behind a render stuck on a slow database: after changeWaitMs they get the last page, marked stale", async () => {
    let stuck: (() => void) | undefined;
    let version = 1;
    const cache = new SnapshotCache({
      render: (): Promise<Rendered> =>
        version === 1 ? Promise.resolve(page("v1")) : new Promise((resolve) => (stuck = () => resolve(page("v2")))),
      maxAgeMs: 60_000,
      changeWaitMs: 100,
    });
    await cache.get("/");
    version = 2;
    cache.invalidate();
    const readers = await Promise.all([cache.get("/"), cache.get("/"), cache.get("/")]);
    for (const read of readers) {
      expect("snapshot" in read && read.stale).toBe(true);
      expect("snapshot" in read && read.snapshot.body.toString()).toContain("v1");
      expect("snapshot" in read && read.snapshot.body.toString()).toContain("data-stale-snapshot");
    }
    // A reader arriving later, with that render still stuck, gets the same.
    const later = await cache.get("/");
    expect("snapshot" in later && later.stale).toBe(true);
    // Once the render finishes, the change shows.
    stuck!();
    await expect
      .poll(async () => {
        const read = await cache.get("/");
        return "snapshot" in read && !read.stale && read.snapshot.body.toString().includes("v2");
      })
      .toBe(true);
    cache.close();
  });
});
