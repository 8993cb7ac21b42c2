import { describe, expect, it } from "vitest";
import { appRoutePatterns, createRouteLabeler, UNMATCHED_ROUTE } from "./http-routes.ts";

describe("route labels for /metrics", () => {
  const patterns = appRoutePatterns("app");
  const label = createRouteLabeler(patterns, ["/metrics"]);

  it("reads the routes from app/, without route groups or private folders", () => {
    expect(patterns).toContain("/");
    expect(patterns).toContain("/components/[key]");
    expect(patterns).toContain("/api/v2/summary.json");
    expect(patterns).toContain("/admin/incidents/[id]");
    expect(patterns.some((p) => p.includes("(") || p.includes("/_"))).toBe(false);
  });

  it.each([
    ["/", "/"],
    ["/?range=7d", "/"],
    ["/components/checkout", "/components/[key]"],
    ["/components/%63heckout", "/components/[key]"],
    ["/api/v2/summary.json", "/api/v2/summary.json"],
    ["/api/v2/incidents/unresolved.json", "/api/v2/incidents/unresolved.json"],
    ["/admin/incidents/new", "/admin/incidents/new"],
    ["/admin/incidents/cm123abc", "/admin/incidents/[id]"],
    ["/admin/incidents/cm123abc/postmortem", "/admin/incidents/[id]/postmortem"],
    ["/api/auth/callback/email", "/api/auth/[...nextauth]"],
    ["/badge/checkout/us-central1.gcp", "/badge/[component]/[region]"],
    ["/metrics", "/metrics"],
    ["/_next/static/chunks/abc.js", "/_next"],
    ["/wp-admin/setup.php", UNMATCHED_ROUTE],
    ["/components/checkout/extra/segments", UNMATCHED_ROUTE],
  ])("%s counts as %s", (target, route) => {
    expect(label(target)).toBe(route);
  });

  it("keeps the number of series bounded however many distinct URLs arrive", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      seen.add(label(`/junk-${i}?q=${i}`));
      seen.add(label(`/incidents/${i}`));
    }
    expect([...seen].sort()).toEqual(["/incidents/[id]", UNMATCHED_ROUTE]);
  });
});
