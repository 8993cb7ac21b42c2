// The public status site as a customer uses it, at phone and desktop widths
// (the two Playwright projects): find what is wrong in your region at a
// glance, read an incident's story in order, and get there without JavaScript.
import { expect, test } from "@playwright/test";
import { oneAnnouncement, sql } from "./database.ts";
import {
  addRollups,
  addStatusChange,
  createIncident,
  createMaintenance,
  DAY,
  HOUR,
  MINUTE,
  publishPostmortem,
  removeFixtures,
  setProbeStatus,
} from "./public-site-fixtures.ts";

const CHECKOUT_REGIONS = ["europe-west1.gcp", "us-central1.gcp", "eu-central-1.aws", "us-east-2.aws"];
const ago = (ms: number) => new Date(Date.now() - ms);

test.afterEach(removeFixtures);

// Spec files on one Playwright worker share its database: whatever an earlier file left open (an incident it
// declared, a maintenance in progress) would change the overall line these tests read. Close it first.
test.beforeAll(() =>
  oneAnnouncement(async () => {
    await sql(
      `UPDATE "Incident" SET status = 'resolved', "resolvedAt" = coalesce("resolvedAt", now()) WHERE status <> 'resolved'`,
    );
    await sql(
      `UPDATE "Maintenance" SET status = 'completed' WHERE status IN ('in_progress', 'verifying', 'scheduled')`,
    );
    await removeFixtures();
  }),
);

function checkoutDownInUsCentral() {
  return oneAnnouncement(async () => {
    for (const region of CHECKOUT_REGIONS) await setProbeStatus("checkout", region, "operational");
    return createIncident({
      title: "Checkout failing in North America",
      status: "identified",
      impact: "critical",
      startedAt: ago(40 * MINUTE),
      affected: [{ component: "checkout", region: "us-central1.gcp", status: "major_outage" }],
      updates: [
        { status: "investigating", message: "Payments fail for some shoppers.", at: ago(38 * MINUTE) },
        {
          status: "identified",
          message: "A database failover went wrong; we are moving traffic.",
          at: ago(10 * MINUTE),
        },
      ],
    });
  });
}

test("a customer finds the status of checkout in their region within one screen", async ({ page, isMobile }) => {
  await checkoutDownInUsCentral();
  await page.goto("/");

  // The first screen, without scrolling, says what is wrong and where.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Major System Outage");
  const affected = page.getByRole("list", { name: "Affected components and regions" }).getByRole("listitem");
  await expect(affected).toHaveCount(1);
  await expect(affected).toContainText("Checkout");
  await expect(affected).toContainText("us-central1.gcp");
  await expect(affected.locator("[data-status]")).toHaveText("Major outage");
  await expect(affected).toBeInViewport();
  await expect(page.getByText("A database failover went wrong; we are moving traffic.").first()).toBeInViewport();

  // Checkout's row shows every region it runs in with its status, all on one screen.
  const row = page.locator('tr[data-component="checkout"]');
  await row.scrollIntoViewIfNeeded();
  await expect(row).toBeInViewport({ ratio: 1 });
  const cell = row.locator('td[data-region="us-central1.gcp"]');
  await expect(cell.locator("[data-status]")).toHaveText("Major outage");
  await expect(row.locator('td[data-region="europe-west1.gcp"] [data-status]')).toHaveText("Operational");
  // Checkout does not run in Australia: no column to look through for it.
  await expect(row.locator("td[data-region]")).toHaveCount(CHECKOUT_REGIONS.length);
  // The region's name sits next to its status: in the cell on a phone, as the column header on a desktop.
  const regionName = isMobile
    ? cell.getByText("us-central1.gcp")
    : page.getByRole("columnheader", { name: /us-central1\.gcp/ }).last();
  await expect(regionName).toBeInViewport();

  // Or straight to the region: everything there, checkout included.
  await page
    .getByRole("navigation", { name: "Status in your region" })
    .getByRole("link", { name: /us-central1\.gcp/ })
    .click();
  await expect(page).toHaveURL(/\/regions\/us-central1\.gcp$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("us-central1.gcp");
  await expect(page.locator("[data-summary]")).toContainText("Major outage in Checkout");
  await expect(page.locator('[data-component="checkout"] [data-status]').first()).toHaveText("Major outage");
  await expect(page.getByRole("link", { name: "Checkout failing in North America" }).first()).toBeInViewport();
});

test("the incident page tells the story in order", async ({ page }) => {
  const started = ago(3 * HOUR);
  // Written out of order on purpose: the page must sort by time, not by insertion.
  const id = await createIncident({
    title: "Checkout database failure",
    status: "resolved",
    impact: "major",
    startedAt: started,
    resolvedAt: new Date(started.getTime() + 2 * HOUR + 5 * MINUTE),
    affected: [
      { component: "checkout", region: "us-central1.gcp", status: "major_outage" },
      { component: "checkout", region: "us-east-2.aws", status: "partial_outage" },
    ],
    updates: [
      {
        status: "resolved",
        message: "Checkout works normally again.",
        at: new Date(started.getTime() + 2 * HOUR + 5 * MINUTE),
      },
      {
        status: "investigating",
        message: "Orders cannot be placed in North America.",
        at: new Date(started.getTime() + 5 * MINUTE),
      },
      {
        status: "monitoring",
        message: "We failed over to the standby database and are watching it.",
        at: new Date(started.getTime() + 90 * MINUTE),
      },
      {
        status: "identified",
        message: "The primary database ran out of disk.",
        at: new Date(started.getTime() + 30 * MINUTE),
      },
    ],
  });
  await publishPostmortem(
    id,
    {
      summary: "Checkout failed for two hours in North America.",
      rootCause: "A cleanup job had been disabled.\n\nThe disk filled up.",
    },
    ago(HOUR),
  );
  await page.goto(`/incidents/${id}`);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Checkout database failure");
  await expect(page.locator("[data-duration]")).toHaveText("2 h 5 min");
  const updates = page.getByRole("list", { name: "Updates, oldest first" }).getByRole("listitem");
  await expect(updates.getByRole("heading")).toHaveText(["Investigating", "Identified", "Monitoring", "Resolved"]);
  await expect(updates.locator("p.whitespace-pre-line")).toHaveText([
    "Orders cannot be placed in North America.",
    "The primary database ran out of disk.",
    "We failed over to the standby database and are watching it.",
    "Checkout works normally again.",
  ]);
  const times = await updates
    .locator("time")
    .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute("datetime")!)));
  expect(times).toEqual([...times].sort((a, b) => a - b));

  const affected = page.getByRole("table");
  await expect(affected.getByRole("row", { name: /us-central1\.gcp/ })).toContainText("Major outage");
  await expect(affected.getByRole("row", { name: /us-east-2\.aws/ })).toContainText("Partial outage");

  const postmortem = page.getByRole("region", { name: "Postmortem" });
  await expect(postmortem.getByRole("heading", { level: 3 })).toHaveText(["Summary", "Root cause"]);
  await expect(postmortem.getByText("The disk filled up.")).toBeVisible();

  // The latest update is one tap away on a long page.
  await page.getByRole("link", { name: "Jump to the latest update" }).click();
  await expect(page.getByText("Checkout works normally again.")).toBeInViewport();
});

test("only approved incidents are public", async ({ page }) => {
  const proposed = await createIncident({
    title: "Probes think search is down",
    review: "proposed",
    startedAt: ago(HOUR),
    affected: [{ component: "search", region: "europe-west1.gcp", status: "major_outage" }],
  });
  await page.goto("/");
  await expect(page.getByText("Probes think search is down")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Awaiting probe data");
  // Quiet days say so, like Statuspage.
  await expect(page.locator("[data-day]")).toHaveCount(7);
  await expect(page.locator("[data-day]").first()).toContainText("No incidents reported.");
  await page.goto("/history");
  await expect(page.getByText("No incidents reported.")).toBeVisible();
  const response = await page.goto(`/incidents/${proposed}`);
  expect(response?.status()).toBe(404);
});

test("an uptime bar tells each day's story by hover and by keyboard", async ({ page }) => {
  // 10:00–11:00 UTC two days ago: one day, whatever the time now.
  const outage = new Date(Math.floor(Date.now() / DAY) * DAY - 2 * DAY + 10 * HOUR);
  await oneAnnouncement(async () => {
    await addStatusChange("search", "eu-central-1.aws", ago(60 * DAY), "operational");
    await addStatusChange("search", "eu-central-1.aws", outage, "major_outage");
    await addStatusChange("search", "eu-central-1.aws", new Date(outage.getTime() + HOUR), "operational");
    await setProbeStatus("search", "eu-central-1.aws", "operational");
    await createIncident({
      title: "Search unavailable in Frankfurt",
      status: "resolved",
      startedAt: outage,
      resolvedAt: new Date(outage.getTime() + HOUR),
      affected: [{ component: "search", region: "eu-central-1.aws", status: "major_outage" }],
    });
  });
  await page.goto("/regions/eu-central-1.aws");
  const search = page.locator('[data-component="search"]');
  // Hover text, no JavaScript needed: one <title> per day with trouble.
  await expect(search.locator("svg rect title", { hasText: "Search unavailable in Frankfurt" })).toHaveCount(1);
  await expect(search.getByRole("img", { name: /90-day uptime 99\.\d\d%, 1 day with issues/ })).toBeVisible();

  // The keyboard reaches the same words in one stop.
  const summary = search.locator("summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  const day = search.getByRole("listitem").filter({ hasText: "Major outage" });
  await expect(day).toBeVisible();
  await expect(day.getByRole("link", { name: "Search unavailable in Frankfurt" })).toBeVisible();
});

test("what people typed stays text in the uptime strips, which are built as markup", async ({ page }) => {
  const title = `<img src=x onerror="window.hacked=1">Checkout "down" & out`;
  const day = new Date(Math.floor(Date.now() / DAY) * DAY - DAY + 9 * HOUR);
  await oneAnnouncement(async () => {
    await addStatusChange("checkout", "us-central1.gcp", ago(30 * DAY), "operational");
    await setProbeStatus("checkout", "us-central1.gcp", "operational");
    await createIncident({
      title,
      status: "resolved",
      startedAt: day,
      resolvedAt: new Date(day.getTime() + HOUR),
      affected: [{ component: "checkout", region: "us-central1.gcp", status: "major_outage" }],
    });
  });
  for (const path of ["/", "/regions/us-central1.gcp"]) {
    await page.goto(path);
    const checkout =
      path === "/"
        ? page.locator('tr[data-component="checkout"] td[data-region="us-central1.gcp"]')
        : page.locator('[data-component="checkout"]');
    await expect(checkout.locator("svg rect title", { hasText: title })).toHaveCount(1);
    await checkout.locator("summary").click();
    await expect(checkout.getByRole("listitem").filter({ hasText: title })).toBeVisible();
    await expect(page.locator("main img")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  }
});

test("a component page charts response times from the rollups, with the numbers as text", async ({ page }) => {
  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  await addRollups(
    "checkout",
    "europe-west1.gcp",
    "RollupMinute",
    new Date(hour - 3 * HOUR),
    60,
    MINUTE,
    [80, 90, 100, 110],
  );
  await addRollups(
    "checkout",
    "us-central1.gcp",
    "RollupMinute",
    new Date(hour - 3 * HOUR),
    60,
    MINUTE,
    [2100, 2300, 2500, 2700],
  );
  await addRollups("checkout", "europe-west1.gcp", "RollupHour", new Date(hour - 48 * HOUR), 24, HOUR, [300, 320]);
  await page.goto("/components/checkout");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Checkout");
  const chart = page.locator("figure");
  await expect(chart.locator("[data-latency-summary]")).toContainText("Over the last 24 hours in all regions");
  await expect(chart.locator("[data-latency-summary]")).toContainText("from 480 checks");
  await expect(chart.getByRole("img", { name: /Chart of p50 and p95 response time/ })).toBeVisible();

  await page.getByRole("navigation", { name: "Region" }).getByRole("link", { name: "europe-west1.gcp" }).click();
  await expect(page).toHaveURL(/region=europe-west1\.gcp/);
  await expect(chart.locator("[data-latency-summary]")).toContainText("in europe-west1.gcp: median (p50)");
  await expect(chart.locator("[data-latency-summary]")).toContainText("from 240 checks");

  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(chart.locator("[data-latency-summary]")).toContainText("from 48 checks");
  await chart.getByText("Response times as a table").click();
  await expect(chart.getByRole("table").getByRole("row")).toHaveCount(169);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the history filters by region and component with a plain form, and times stay in UTC", async ({ page }) => {
    await checkoutDownInUsCentral();
    await createIncident({
      title: "Slow search in Europe",
      status: "resolved",
      startedAt: ago(2 * DAY),
      resolvedAt: ago(2 * DAY - 30 * MINUTE),
      affected: [{ component: "search", region: "europe-west1.gcp", status: "degraded_performance" }],
    });
    await page.goto("/history");
    await expect(page.getByRole("link", { name: "Checkout failing in North America" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Slow search in Europe" })).toBeVisible();

    await page.getByLabel("Region").selectOption("europe-west1.gcp");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\/history\?region=europe-west1\.gcp&component=$/);
    await expect(page.getByRole("link", { name: "Slow search in Europe" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Checkout failing in North America" })).toHaveCount(0);

    await page.getByLabel("Region").selectOption("");
    await page.getByLabel("Component").selectOption("checkout");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("link", { name: "Checkout failing in North America" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Slow search in Europe" })).toHaveCount(0);

    await page.getByRole("link", { name: "Checkout failing in North America" }).click();
    await expect(page.locator("time").first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC$/);
  });
});

test.describe("in the reader's time zone", () => {
  test.use({ timezoneId: "America/Chicago" });

  test("times show local time, with UTC on hover", async ({ page }) => {
    const id = await createIncident({
      title: "Checkout slow",
      startedAt: new Date("2026-01-15T03:30:00Z"),
      affected: [{ component: "checkout", region: "us-central1.gcp", status: "degraded_performance" }],
    });
    await page.goto(`/incidents/${id}`);
    const started = page.locator("time").first();
    await expect(started).toHaveAttribute("data-zone", "local");
    await expect(started).toContainText("Jan 14, 2026");
    await expect(started).toContainText("CST");
    await expect(started).toHaveAttribute("title", "15 Jan 2026, 03:30 UTC");
    await expect(started).toHaveAttribute("datetime", "2026-01-15T03:30:00.000Z");
  });
});

test("maintenance has its own page and shows while in progress", async ({ page }) => {
  const id = await createMaintenance({
    title: "Products API database upgrade",
    description: "Requests may be slower than usual.",
    status: "in_progress",
    scheduledStart: ago(30 * MINUTE),
    scheduledEnd: new Date(Date.now() + 90 * MINUTE),
    affected: [{ component: "products-api", region: "eu-central-1.aws" }],
    updates: [
      { status: "scheduled", message: "Planned for tonight.", at: ago(DAY) },
      { status: "in_progress", message: "The upgrade has started.", at: ago(30 * MINUTE) },
    ],
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service Under Maintenance");
  await expect(
    page.locator('tr[data-component="products-api"] td[data-region="eu-central-1.aws"] [data-status]'),
  ).toHaveText("Under maintenance");
  await page.getByRole("link", { name: "Products API database upgrade" }).click();
  await expect(page).toHaveURL(new RegExp(`/maintenance/${id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Products API database upgrade");
  await expect(page.getByRole("list", { name: "Updates, oldest first" }).getByRole("heading")).toHaveText([
    "Scheduled",
    "In progress",
  ]);
});
