import { describe, expect, it } from "vitest";
import { etagMatches, pickEncoding, snapshotKey } from "./snapshot-routes.ts";

describe("snapshotKey", () => {
  it("serves the status page and the v2 API from snapshots", () => {
    expect(snapshotKey("/")).toBe("/");
    expect(snapshotKey("/api/v2/summary.json")).toBe("/api/v2/summary.json");
    expect(snapshotKey("/api/v2/incidents/unresolved.json")).toBe("/api/v2/incidents/unresolved.json");
    expect(snapshotKey("/badge/checkout/us-central1.gcp.svg")).toBe("/badge/checkout/us-central1.gcp.svg");
  });

  it("drops query parameters the page does not read, so a random one cannot bypass the cache", () => {
    expect(snapshotKey("/?nocache=123")).toBe("/");
    expect(snapshotKey("/?_rsc=abc")).toBe("/");
    expect(snapshotKey("/api/v2/summary.json?t=1")).toBe("/api/v2/summary.json");
  });

  it("keeps the filters a page reads, in one canonical order", () => {
    expect(snapshotKey("/feed.atom?component=checkout&region=eu&x=1")).toBe("/feed.atom?region=eu&component=checkout");
    expect(snapshotKey("/feed.atom?region=eu&component=checkout")).toBe("/feed.atom?region=eu&component=checkout");
    expect(snapshotKey("/history?page=2")).toBe("/history?page=2");
  });

  it("leaves everything else to Next", () => {
    expect(snapshotKey("/admin")).toBeNull();
    expect(snapshotKey("/api/ingest/results")).toBeNull();
    expect(snapshotKey("/api/v2/unknown.json")).toBeNull();
    expect(snapshotKey("/incidents/a/b")).toBeNull();
    expect(snapshotKey("/incidents/%3Cscript%3E")).toBeNull();
    expect(snapshotKey("//evil.example/")).toBeNull();
    expect(snapshotKey(`/history?region=${"x".repeat(500)}`)).toBeNull();
  });
});

describe("etagMatches", () => {
  it("matches strong, weak, listed and wildcard tags", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe("pickEncoding", () => {
  it("prefers brotli, then gzip, and honours q=0", () => {
    expect(pickEncoding("gzip, deflate, br", { br: true, gzip: true })).toBe("br");
    expect(pickEncoding("gzip, br;q=0", { br: true, gzip: true })).toBe("gzip");
    expect(pickEncoding("identity", { br: true, gzip: true })).toBe("identity");
    expect(pickEncoding(undefined, { br: true, gzip: true })).toBe("identity");
    expect(pickEncoding("*", { br: false, gzip: true })).toBe("gzip");
  });
});
