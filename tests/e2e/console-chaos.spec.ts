// The whole path an on-call engineer walks, in a real browser: a fault
// injected with chaos is confirmed by real probes from three vantages, proposed
// as an incident, approved, updated and resolved, and the public page and
// /api/v2/incidents.json follow each step.
import { expect, type Page, test } from "@playwright/test";
import { sql } from "./database.ts";
import { PEOPLE, signInByMagicLink } from "./console-session.ts";
import { type Monitoring, publicStatus, startMonitoring, untilPublicStatus, untilVisible } from "./monitoring.ts";

let monitoring: Monitoring;
const startedAt = new Date();

test.beforeAll(async ({ baseURL }) => {
  monitoring = await startMonitoring(baseURL!, ["checkout"]);
});

test.afterAll(async () => {
  await monitoring?.stop();
  await sql(`DELETE FROM "Incident" WHERE "createdAt" >= $1`, [startedAt]);
});

/** The incident as /api/v2/incidents.json tells it (what Statuspage clients and widgets read), or undefined. */
async function apiIncident(
  page: Page,
  id: string,
): Promise<{ status: string; impact: string; incident_updates: { status: string; body: string }[] } | undefined> {
  const response = await page.request.get("/api/v2/incidents.json");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    incidents: { id: string; status: string; impact: string; incident_updates: { status: string; body: string }[] }[];
  };
  return body.incidents.find((incident) => incident.id === id);
}

test("an engineer signs in by magic link, approves the proposal a chaos fault produced, posts updates and resolves it; the public page follows", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const CHECKOUT_US = ["checkout", "us-central1.gcp"] as const;

  // Probes report before anything breaks.
  await untilPublicStatus(page, CHECKOUT_US, { key: "operational", shown: "Operational" }, 60_000);

  await signInByMagicLink(page, PEOPLE.engineer, "/admin/incidents?state=proposed");
  await expect(page).toHaveURL(/\/admin\/incidents\?state=proposed$/);
  await expect(page.getByTestId("signed-in-as")).toContainText("engineer@bellwether.test · Engineer");

  await monitoring.injectFault({ component: "checkout", region: "us-central1.gcp", mode: "down" });

  // Probes confirm it; the public page shows the confirmed outage in that region only.
  await untilPublicStatus(page, CHECKOUT_US, { key: "major_outage", shown: "Major outage" }, 90_000);
  expect(await publicStatus(page, "checkout", "europe-west1.gcp")).toBe("Operational");

  // Detection proposes an incident; it is not public yet.
  const proposal = () => page.locator("[data-incident]").filter({ hasText: "Checkout" });
  await untilVisible(page, "/admin/incidents?state=proposed", proposal);
  await expect(proposal()).toContainText("Checkout in us-central1.gcp");
  await expect(proposal().locator("[data-priority]")).toHaveText("P2");
  await proposal().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Proposed by monitoring: not public yet" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What probes saw" })).toBeVisible();
  await expect(page.getByText(/503/).first()).toBeVisible();
  const incidentUrl = page.url();
  const incidentId = incidentUrl.split("/").at(-1)!;
  expect(
    (await sql<{ publishedAt: Date | null }>(`SELECT "publishedAt" FROM "Incident" WHERE id = $1`, [incidentId]))[0]!
      .publishedAt,
  ).toBeNull();
  expect(await apiIncident(page, incidentId)).toBeUndefined();

  // Approve: public from now on.
  await page
    .getByLabel("First public message (optional)")
    .fill("Payments fail for shoppers in North America (Iowa). We are investigating.");
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByRole("heading", { name: "Post an update" })).toBeVisible();
  await expect(page.locator('[data-update-status="investigating"]')).toContainText(
    "Payments fail for shoppers in North America",
  );
  expect(await publicStatus(page, ...CHECKOUT_US)).toBe("Major outage");
  const published = await apiIncident(page, incidentId);
  expect(published?.status).toBe("investigating");
  expect(published?.incident_updates[0]?.body).toContain("Payments fail for shoppers in North America");

  // An update that lowers the region's status: readers see the engineer's word over the probes'.
  await page.goto(incidentUrl);
  await page.getByLabel("Status", { exact: true }).selectOption("identified");
  await page
    .getByLabel("Message", { exact: true })
    .fill("A failed database primary. Failing over; some payments go through.");
  await page.getByText("Change affected components and their statuses").click();
  await page.getByLabel("Checkout in us-central1.gcp").selectOption("partial_outage");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status")).toHaveText("Update posted.");
  await expect(page.locator('[data-affected="checkout@us-central1.gcp"]')).toContainText("Partial outage");
  expect(await publicStatus(page, ...CHECKOUT_US)).toBe("Partial outage");
  expect((await apiIncident(page, incidentId))?.status).toBe("identified");

  await page.goto(incidentUrl);
  await page.getByLabel("Status", { exact: true }).selectOption("monitoring");
  await page.getByLabel("Message", { exact: true }).fill("Failed over. Watching payments recover.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.locator('[data-update-status="monitoring"]')).toContainText("Failed over.");
  expect((await apiIncident(page, incidentId))?.incident_updates[0]).toMatchObject({
    status: "monitoring",
    body: "Failed over. Watching payments recover.",
  });

  // The fault ends; probes confirm recovery and the console offers to resolve.
  await monitoring.clearFaults();
  await untilVisible(page, incidentUrl, () => page.getByTestId("resolve-proposed"));
  await expect(page.getByTestId("resolve-proposed")).toContainText("Probes recovered — resolve?");
  expect(await publicStatus(page, ...CHECKOUT_US)).toBe("Partial outage");

  await page.goto(incidentUrl);
  await page.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByTestId("resolved")).toBeVisible();
  await expect(page.locator('[data-update-status="resolved"]')).toContainText("probes confirm recovery");
  expect(await publicStatus(page, ...CHECKOUT_US)).toBe("Operational");
  const resolved = await apiIncident(page, incidentId);
  expect(resolved?.status).toBe("resolved");
  expect(resolved?.incident_updates.map((u) => u.status)).toEqual([
    "resolved",
    "monitoring",
    "identified",
    "investigating",
  ]);

  const row = (
    await sql<{
      detectedAt: Date | null;
      acknowledgedAt: Date | null;
      mitigatedAt: Date | null;
      resolvedAt: Date | null;
    }>(`SELECT "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt" FROM "Incident" WHERE id = $1`, [incidentId])
  )[0]!;
  for (const at of Object.values(row)) expect(at).not.toBeNull();
});
