import { describe, expect, it } from "vitest";
import { etagMatches, pickEncoding, resolveSnapshot, snapshotKey } from "./routes.ts";

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

  it("answers the busiest exact paths as parsing their URL would", () => {
    const exact = [
      "/",
      "/history",
      "/developers",
      "/api/v2/summary.json",
      "/api/v2/incidents/unresolved.json",
      "/feed.rss",
    ];
    for (const path of exact) expect(resolveSnapshot(path)).toEqual(resolveSnapshot(`${path}?unread=1`));
  });

  it("serves the integrators' page from one snapshot, whatever its query", () => {
    expect(resolveSnapshot("/developers?x=1")).toEqual({
      kind: "snapshot",
      key: "/developers",
      route: "developers",
      page: true,
    });
  });

  it("leaves everything else to Next", () => {
    expect(snapshotKey("/admin")).toBeNull();
    expect(snapshotKey("/api/ingest/results")).toBeNull();
    expect(snapshotKey("/api/v2/unknown.json")).toBeNull();
    expect(snapshotKey("/incidents/a/b")).toBeNull();
    expect(snapshotKey("/incidents/%3Cscript%3E")).toBeNull();
    expect(snapshotKey("//evil.example/")).toBeNull();
  });

  it("turns values that cannot be real into the default, and malformed paths into the shared 404", () => {
    expect(snapshotKey(`/history?region=${"x".repeat(500)}`)).toBe("/history");
    expect(resolveSnapshot("/incidents/%3Cscript%3E")).toEqual({ kind: "not-found", page: true });
    expect(resolveSnapshot("/badge/checkout.png")).toEqual({ kind: "not-found", page: false });
    expect(resolveSnapshot("/history?page=0")).toEqual({ kind: "not-found", page: true });
  });
});

describe("resolveSnapshot with a vocabulary", () => {
  const vocabulary = {
    regions: new Set(["eu-central-1.aws", "us-east-2.aws"]),
    components: new Set(["checkout", "search"]),
    componentRegions: new Set(["checkout/eu-central-1.aws", "search/us-east-2.aws"]),
    incidents: new Set(["inc1"]),
    maintenances: new Set(["mnt1"]),
    historyPages: 3,
  };
  const key = (target: string) => snapshotKey(target, vocabulary);

  it("keys only what exists; an unknown option is dropped, an unknown page is the shared 404", () => {
    expect(key("/incidents/inc1")).toBe("/incidents/inc1");
    expect(resolveSnapshot("/incidents/inc2", vocabulary)).toEqual({ kind: "not-found", page: true });
    expect(key("/regions/eu-central-1.aws")).toBe("/regions/eu-central-1.aws");
    expect(key("/regions/mars-1.aws")).toBeNull();
    expect(key("/components/checkout?region=us-east-2.aws&range=30d")).toBe("/components/checkout?range=30d");
    expect(key("/components/checkout?region=eu-central-1.aws")).toBe("/components/checkout?region=eu-central-1.aws");
    expect(key("/history?page=3&region=mars&component=search")).toBe("/history?component=search&page=3");
    expect(resolveSnapshot("/history?page=4", vocabulary)).toEqual({ kind: "not-found", page: true });
    expect(key("/badge/search/us-east-2.aws.svg")).toBe("/badge/search/us-east-2.aws.svg");
    expect(resolveSnapshot("/badge/search/eu-central-1.aws.svg", vocabulary)).toEqual({
      kind: "not-found",
      page: false,
    });
    expect(resolveSnapshot("/feed.rss?component=checkout&region=us-east-2.aws", vocabulary)).toEqual({
      kind: "not-found",
      page: false,
    });
    expect(key("/feed.rss?component=checkout")).toBe("/feed.rss?component=checkout");
  });

  it("leaves deeper paths and everything unknown at the top to Next", () => {
    expect(resolveSnapshot("/incidents/inc1/postmortem", vocabulary)).toEqual({ kind: "next" });
    expect(resolveSnapshot("/toString/x", vocabulary)).toEqual({ kind: "next" });
    expect(resolveSnapshot("/subscribe", vocabulary)).toEqual({ kind: "next" });
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
