// Every reader feature one click from the status page, in a browser, on
// desktop and phone: the subscribe control in the one header, subscribing to
// a region, a component or an open incident, the integrators' page (whose
// every URL answers with the type it claims) and its widget on another site.
// The spec writes its own incident and maintenance and removes only those.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { listCaughtMail } from "../../lib/mail/mailbox.ts";
import { oneAnnouncement, sql, sqlUnannounced } from "./database.ts";
import { createIncident, createMaintenance, HOUR, MINUTE } from "./public-site-fixtures.ts";
import { expectNoSeriousViolations } from "./axe.ts";

test.describe.configure({ mode: "serial" });

let openIncident: string;
let resolvedIncident: string;
let maintenance: string;

test.beforeAll(() =>
  oneAnnouncement(async () => {
    const ago = (ms: number) => new Date(Date.now() - ms);
    openIncident = await createIncident({
      title: `E2E findable checkout errors ${Date.now()}`,
      status: "identified",
      startedAt: ago(HOUR),
      affected: [{ component: "checkout", region: "europe-west1.gcp", status: "partial_outage" }],
      updates: [{ status: "identified", message: "A bad deploy; rolling back.", at: ago(30 * MINUTE) }],
    });
    resolvedIncident = await createIncident({
      title: `E2E findable search outage ${Date.now()}`,
      status: "resolved",
      startedAt: ago(5 * HOUR),
      resolvedAt: ago(4 * HOUR),
      affected: [{ component: "search", region: "us-central1.gcp", status: "major_outage" }],
    });
    maintenance = await createMaintenance({
      title: `E2E findable database upgrade ${Date.now()}`,
      status: "scheduled",
      scheduledStart: new Date(Date.now() + 48 * HOUR),
      scheduledEnd: new Date(Date.now() + 49 * HOUR),
      affected: [{ component: "checkout", region: "europe-west1.gcp" }],
    });
  }),
);

test.afterAll(() =>
  oneAnnouncement(async () => {
    await sql(`DELETE FROM "Incident" WHERE id = ANY($1)`, [[openIncident, resolvedIncident]]);
    await sql(`DELETE FROM "Maintenance" WHERE id = $1`, [maintenance]);
  }),
);

const banner = (page: Page) => page.getByRole("banner");

test("from the status page, one click on the header's control opens the subscribe form", async ({ page }) => {
  await page.goto("/");
  await banner(page).getByRole("link", { name: "Subscribe to updates" }).click();
  await expect(page).toHaveURL(/\/subscribe$/);
  await expect(page.getByRole("heading", { level: 1, name: "Subscribe to status updates" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toBeVisible();
});

test("a region's and a component's page open the form with that region or component chosen", async ({ page }) => {
  await page.goto("/regions/europe-west1.gcp");
  await page.getByRole("link", { name: "Subscribe to this region" }).click();
  await expect(page.getByTestId("preset-scope")).toContainText("europe-west1.gcp");
  await expect(page.getByLabel("Only the regions and components I choose below")).toBeChecked();
  const regions = page.getByRole("group", { name: "Regions" });
  await expect(regions.getByLabel("europe-west1.gcp", { exact: false })).toBeChecked();
  await expect(regions.getByRole("checkbox", { checked: true })).toHaveCount(1);
  // The same control offers webhooks, with the region still chosen.
  await page.getByRole("link", { name: "By webhook (JSON or Slack)" }).click();
  await expect(page.getByLabel("Webhook URL")).toBeVisible();
  await expect(regions.getByLabel("europe-west1.gcp", { exact: false })).toBeChecked();

  await page.goto("/components/checkout");
  await page.getByRole("link", { name: "Subscribe to this component" }).click();
  await expect(page.getByRole("group", { name: "Components" }).getByLabel("Checkout", { exact: false })).toBeChecked();
  await expect(regions.getByRole("checkbox", { checked: true })).toHaveCount(0);
});

test("an open incident offers its own subscription, confirmed by email, and a resolved one does not", async ({
  page,
}) => {
  await page.goto(`/incidents/${openIncident}`);
  await page.getByRole("link", { name: "Get updates on this incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Get updates on this incident" })).toBeVisible();
  await expect(page.getByTestId("follow-incident-form")).toContainText("E2E findable checkout errors");

  // The whole opt-in, as for any scope: the emailed link confirms, and the subscriber follows that incident.
  await sqlUnannounced(`DELETE FROM "bellwether_runtime"."RateLimitBucket" WHERE key LIKE 'subscribe:client:%'`);
  const email = `follower-${test.info().project.name}-${Date.now()}@example.test`;
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Get updates on this incident" }).click();
  await expect(page.getByRole("status")).toContainText(`we have sent an email to ${email}`);
  await expect.poll(async () => (await listCaughtMail(E2E_DATA_DIR, { to: email })).length).toBe(1);
  const [mail] = await listCaughtMail(E2E_DATA_DIR, { to: email });
  expect(mail!.text).toContain("E2E findable checkout errors");
  const link = new URL(/Confirm subscription: (\S+)/.exec(mail!.text ?? "")![1]!);
  await page.goto(`${link.pathname}${link.search}`);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toContainText(`You are subscribed: ${email}`);
  await page.getByRole("link", { name: "Manage your subscription" }).click();
  await expect(page.getByTestId("following")).toContainText("E2E findable checkout errors");
  expect(
    await sql(
      `SELECT 1 FROM "SubscriberIncident" si JOIN "Subscriber" s ON s.id = si."subscriberId" WHERE s.email = $1 AND si."incidentId" = $2`,
      [email, openIncident],
    ),
  ).toHaveLength(1);

  await page.goto(`/incidents/${resolvedIncident}`);
  await expect(page.getByRole("link", { name: "Get updates on this incident" })).toHaveCount(0);
  await page.goto(`/subscribe?incident=${resolvedIncident}`);
  await expect(page.getByRole("status")).toContainText("That incident has resolved");
});

test("every public page has exactly one header, the 404s included", async ({ page }) => {
  const paths = [
    "/",
    "/history",
    "/regions/europe-west1.gcp",
    "/components/checkout",
    `/incidents/${openIncident}`,
    `/incidents/${resolvedIncident}`,
    `/maintenance/${maintenance}`,
    "/subscribe",
    "/subscribe?region=europe-west1.gcp",
    `/subscribe?incident=${openIncident}`,
    "/subscribe/confirm?token=not-a-real-token-at-all-0000",
    "/subscribe/manage?token=not-a-real-token",
    "/subscribe/unsubscribe?token=not-a-real-token",
    "/developers",
    "/no-such-page",
    "/regions/no-such-region",
    "/incidents/no-such-incident",
  ];
  for (const path of paths) {
    await page.goto(path);
    expect(await page.locator("header").count(), path).toBe(1);
    await expect(banner(page).getByRole("link", { name: "Subscribe to updates" }), path).toBeVisible();
    await expect(page.getByRole("contentinfo").getByRole("link", { name: /API, feeds/ }), path).toBeVisible();
  }
});

test("the head announces the feeds, icons, manifest and a link preview image", async ({ page, request }) => {
  await page.goto("/");
  const href = (selector: string) => page.locator(selector).first().getAttribute("href");
  expect(await href('link[rel="alternate"][type="application/atom+xml"]')).toMatch(/\/feed\.atom$/);
  expect(await href('link[rel="alternate"][type="application/rss+xml"]')).toMatch(/\/feed\.rss$/);
  expect(await page.locator('meta[property="og:image"]').getAttribute("content")).toMatch(/^http.*\/og-image\.png$/);
  for (const [path, type] of [
    ["/favicon.ico", "image/"],
    ["/favicon.svg", "image/svg+xml"],
    ["/apple-touch-icon.png", "image/png"],
    ["/og-image.png", "image/png"],
    ["/site.webmanifest", "application/manifest+json"],
    ["/robots.txt", "text/plain"],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /admin");
  expect(robots).toContain("Disallow: /api/");
});

test.describe("the integrators' page", () => {
  test("is one click from the footer, lists every interface, and each URL answers 200 with the type it claims", async ({
    page,
    request,
  }) => {
    await page.goto("/");
    await page
      .getByRole("contentinfo")
      .getByRole("link", { name: /API, feeds/ })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "API, feeds, badges and widget" })).toBeVisible();
    const listed = await page
      .locator("[data-listed-url]")
      .evaluateAll((els) =>
        els.map((el) => ({ url: el.getAttribute("data-listed-url")!, type: el.getAttribute("data-content-type")! })),
      );
    const paths = listed.map((l) => new URL(l.url).pathname + new URL(l.url).search);
    for (const doc of [
      "summary",
      "status",
      "components",
      "incidents",
      "incidents/unresolved",
      "scheduled-maintenances",
      "scheduled-maintenances/upcoming",
      "scheduled-maintenances/active",
    ])
      expect(paths).toContain(`/api/v2/${doc}.json`);
    for (const feed of ["/feed.atom", "/feed.rss", "/calendar.ics"]) {
      expect(paths).toContain(feed);
      expect(paths.some((p) => p.startsWith(`${feed}?region=`))).toBe(true);
      expect(paths.some((p) => p.startsWith(`${feed}?component=`))).toBe(true);
    }
    expect(paths).toContain("/badge/checkout.svg");
    expect(paths).toContain("/widget.js");
    const components = await sql<{ key: string }>(`SELECT key FROM "Component"`);
    for (const { key } of components) expect(paths).toContain(`/badge/${key}.svg`);

    for (const { url, type } of listed) {
      // The page's URLs are absolute on PUBLIC_URL, which is this server.
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()["content-type"], url).toBe(type);
    }
    // Badges are shown, not only listed: each image loaded.
    const broken = await page
      .locator("img[src*='/badge/']")
      .evaluateAll(
        (imgs) =>
          imgs.filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0).length,
      );
    expect(broken).toBe(0);
  });

  test("copies with a button, and every URL and snippet is plain selectable text", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/developers");
    const first = page.locator("[data-listed-url]").first();
    const url = await first.getAttribute("data-listed-url");
    await expect(first.locator("code")).toHaveText(url!);
    await expect(first.locator("code")).toHaveCSS("user-select", "all");
    await first.getByRole("button", { name: /^Copy/ }).click();
    await expect(first.getByRole("button", { name: /^Copy/ })).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  });

  test("the widget snippet, pasted in another site, shows the live status", async ({ page }) => {
    await page.goto("/developers");
    const snippet = (await page.locator("#widget ~ div pre code").first().textContent())!;
    expect(snippet).toContain("/widget.js");
    const status = (await (await page.request.get("/api/v2/status.json")).json()) as {
      status: { indicator: string; description: string };
    };
    // Another site: a real server on another port serves a shop page with the snippet pasted in.
    const shop = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><title>Shop</title><p>Our status: ${snippet}</p></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    try {
      await page.goto(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/`);
      const widget = page.locator("a[data-bellwether-status]");
      await expect(widget).toHaveAttribute("data-indicator", status.status.indicator);
      await expect(widget).toHaveText(status.status.description);
    } finally {
      shop.close();
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the integrators' page still shows every URL as text, and the forms still open preset", async ({ page }) => {
    await page.goto("/developers");
    const first = page.locator("[data-listed-url]").first();
    await expect(first.locator("code")).toHaveText((await first.getAttribute("data-listed-url"))!);
    await page.goto("/regions/us-central1.gcp");
    await page.getByRole("link", { name: "Subscribe to this region" }).click();
    await expect(
      page.getByRole("group", { name: "Regions" }).getByLabel("us-central1.gcp", { exact: false }),
    ).toBeChecked();
  });
});

// One test per page and scheme: axe on the integrators' page (a badge per component) takes seconds here.
const A11Y_PAGES: [string, () => string][] = [
  ["/developers", () => "/developers"],
  ["/subscribe?region=…", () => "/subscribe?region=europe-west1.gcp"],
  ["/subscribe?channel=webhook&region=…", () => "/subscribe?channel=webhook&region=europe-west1.gcp"],
  ["/subscribe?incident=<open>", () => `/subscribe?incident=${openIncident}`],
  ["/subscribe?incident=<resolved>", () => `/subscribe?incident=${resolvedIncident}`],
  ["/incidents/<open>", () => `/incidents/${openIncident}`],
  ["/components/checkout", () => "/components/checkout"],
  ["/no-such-page", () => "/no-such-page"],
];

for (const [name, path] of A11Y_PAGES) {
  test(`${name} has no serious accessibility violations, light and dark`, async ({ page }) => {
    // axe over the integrators' page (a badge and two snippets per component) takes 20 s on a busy 2-core machine.
    test.slow(name === "/developers");
    await page.goto(path());
    await expectNoSeriousViolations(page);
  });
}
