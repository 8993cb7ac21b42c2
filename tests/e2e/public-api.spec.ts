// The public machine interfaces on the real Next server, as a widget on
// another site, a README badge and a feed reader meet them.
import { expect, test } from "@playwright/test";
import { sql } from "./database.ts";

async function setProbeStatus(component: string, region: string, status: string | null) {
  await sql(
    `UPDATE "ComponentRegion" cr SET "probeStatus" = $3::"ComponentStatus", "probeStatusSince" = now()
       FROM "Component" c, "Region" r
      WHERE cr."componentId" = c.id AND cr."regionId" = r.id AND c.key = $1 AND r.key = $2`,
    [component, region, status],
  );
}

test.describe("the public API, feeds and badges", () => {
  test.afterEach(async () => {
    await sql(`UPDATE "ComponentRegion" SET "probeStatus" = NULL, "probeStatusSince" = NULL`);
  });

  test("a widget on another site reads summary.json across origins", async ({ page, baseURL }) => {
    await setProbeStatus("checkout", "us-central1.gcp", "major_outage");
    // The page comes from 127.0.0.1 and the API from localhost: two origins, so
    // the browser enforces CORS, preflight included (If-None-Match is not a simple header).
    const other = baseURL!.replace("localhost", "127.0.0.1");
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${other}/api/health`);
    const summary = await page
      .evaluate(
        async (url) => (await fetch(url, { headers: { "if-none-match": '"x"' } })).json(),
        `${baseURL}/api/v2/summary.json`,
      )
      .catch((error: Error) => {
        throw new Error(`${error.message}; console: ${errors.join(" | ")}`);
      });
    expect(summary.status).toEqual({ indicator: "critical", description: "Major System Outage" });
    const groups = summary.components.filter((c: { group: boolean }) => c.group).map((c: { name: string }) => c.name);
    expect(groups).toEqual(["Composable Commerce", "Frontend", "Checkout", "Connect"]);
    expect(summary.components.filter((c: { group: boolean }) => !c.group)).toHaveLength(54);
    const checkout = summary.components.find((c: { name: string }) => c.name === "Checkout (us-central1.gcp)");
    expect(checkout.status).toBe("major_outage");
  });

  test("every /api/v2 document answers with JSON and public cache headers", async ({ request }) => {
    for (const path of [
      "summary.json",
      "status.json",
      "components.json",
      "incidents.json",
      "incidents/unresolved.json",
      "scheduled-maintenances.json",
      "scheduled-maintenances/upcoming.json",
      "scheduled-maintenances/active.json",
    ]) {
      const response = await request.get(`/api/v2/${path}`);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/json; charset=utf-8");
      // Served from a snapshot: a CDN may keep it a few seconds and serve it stale while refreshing.
      expect(response.headers()["cache-control"]).toMatch(
        /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+/,
      );
      expect(response.headers().etag).toBeTruthy();
      expect(response.headers()["access-control-allow-origin"]).toBe("*");
      expect(Object.keys(await response.json())).toContain("page");
    }
  });

  test("a README shows a component's badge", async ({ page, baseURL }) => {
    await setProbeStatus("search", "europe-west1.gcp", "degraded_performance");
    await page.setContent(
      `<img alt="Search in Europe" src="${baseURL}/badge/search/europe-west1.gcp.svg"><img alt="Checkout" src="${baseURL}/badge/checkout.svg">`,
    );
    const sizes = await page.$$eval("img", (imgs) =>
      Promise.all(imgs.map((img) => img.decode().then(() => img.naturalWidth))),
    );
    expect(sizes.every((w) => w > 50)).toBe(true);
    const svg = await (await page.request.get("/badge/search/europe-west1.gcp.svg")).text();
    expect(svg).toContain("<title>Search (europe-west1.gcp): degraded performance</title>");
  });

  test("feeds and the calendar are served with their types, and unknown filters say what exists", async ({
    request,
  }) => {
    const types: Record<string, string> = {
      "/feed.atom": "application/atom+xml; charset=utf-8",
      "/feed.rss?region=europe-west1.gcp": "application/rss+xml; charset=utf-8",
      "/calendar.ics?component=checkout": "text/calendar; charset=utf-8",
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-type"]).toBe(type);
    }
    const missing = await request.get("/feed.atom?region=mars-east1.gcp");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.message).toContain("europe-west1.gcp");
  });
});
