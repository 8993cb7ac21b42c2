// Incidents in the console: declaring, updating and resolving by hand, what
// the public page shows at each step, conflicts, and roles that may only read.
import { expect, type Page, test } from "@playwright/test";
import { oneAnnouncement, sql } from "./database.ts";
import { PEOPLE, SESSION_COOKIE, sessionFor, signInAs } from "./console-session.ts";
import { SERVER_ONLY } from "./projects.ts";

async function publicCell(page: Page, component: string, region: string) {
  await page.goto("/");
  return page.locator(`tr[data-component="${component}"] td[data-region="${region}"] [data-status]`);
}

async function incidentCount(): Promise<number> {
  return Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "Incident"`))[0]!.n);
}

test.afterAll(() =>
  oneAnnouncement(async () => {
    await sql(`DELETE FROM "Incident" WHERE title LIKE 'E2E %'`);
  }),
);

test("an engineer declares an incident, sees its priority first, updates it and resolves it; the public page follows", async ({
  page,
  context,
  baseURL,
}) => {
  await signInAs(context, baseURL!, PEOPLE.engineer);
  await page.goto("/admin/incidents");
  await page.getByRole("link", { name: "Declare incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Declare an incident" })).toBeVisible();

  // Nothing chosen yet: the form names each missing field beside it.
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page.getByText("Give the incident a title.")).toBeVisible();
  await expect(page.getByText("Choose at least one affected component and region.")).toBeVisible();

  await page.getByLabel("Title", { exact: true }).fill("E2E Search slow in Europe");
  await page.getByLabel("Impact").selectOption("minor");
  await page.getByLabel("Search in europe-west1.gcp").selectOption("degraded_performance");
  await expect(page.getByTestId("priority-preview")).toContainText("P3");
  await page.getByLabel("Search in eu-central-1.aws").selectOption("partial_outage");
  await expect(page.getByTestId("priority-preview")).toContainText("P2");
  await expect(page.getByTestId("priority-preview")).toContainText("tier 1, 2 regions");
  await page.getByLabel("First message").fill("Search is slow for some shoppers in Europe. We are looking into it.");
  await page.getByRole("button", { name: "Declare incident" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "E2E Search slow in Europe" })).toBeVisible();
  await expect(page.locator("[data-priority]").first()).toHaveText("P2");
  await expect(page.locator('[data-update-status="investigating"]')).toContainText(
    "Search is slow for some shoppers in Europe.",
  );
  const incidentUrl = page.url();

  expect(await (await publicCell(page, "search", "eu-central-1.aws")).textContent()).toBe("Partial outage");
  await expect(await publicCell(page, "search", "europe-west1.gcp")).toHaveText("Degraded performance");

  await page.goto(incidentUrl);
  await page.getByLabel("Status", { exact: true }).selectOption("identified");
  await page.getByLabel("Message", { exact: true }).fill("A bad index rebuild. Rolling it back.");
  await page.getByText("Change affected components and their statuses").click();
  await page.getByLabel("Search in eu-central-1.aws").selectOption("degraded_performance");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status")).toHaveText("Update posted.");
  await expect(page.locator('[data-update-status="identified"]')).toContainText("A bad index rebuild.");
  await expect(page.locator("[data-priority]").first()).toHaveText("P2");
  await expect(await publicCell(page, "search", "eu-central-1.aws")).toHaveText("Degraded performance");

  await page.goto(incidentUrl);
  await page.getByLabel("Status", { exact: true }).selectOption("resolved");
  await page.getByLabel("Message", { exact: true }).fill("Rolled back; search is fast again.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("resolved")).toContainText("Resolved");
  await expect(page.locator('[data-update-status="resolved"]')).toContainText("Rolled back; search is fast again.");
  await expect(page.getByRole("heading", { name: "Post an update" })).toHaveCount(0);
  // Resolved: readers see what probes measure again (here: no data yet).
  await expect(await publicCell(page, "search", "eu-central-1.aws")).toHaveText("No data yet");

  await page.goto("/admin/incidents?state=resolved");
  await expect(page.getByRole("link", { name: "E2E Search slow in Europe" })).toBeVisible();
});

test(
  "a change made meanwhile ends in a conflict that shows the incident as it is now and keeps what was typed",
  SERVER_ONLY,
  async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL!, PEOPLE.engineer);
    const [incident] = await sql<{ id: string }>(
      `INSERT INTO "Incident" (id, title, priority, impact, status, "startedAt", "publishedAt", "updatedAt")
     VALUES ('e2e-conflict-' || md5(random()::text), 'E2E Checkout errors', 'P2', 'major', 'investigating', now(), now(), now()) RETURNING id`,
    );
    await sql(
      `INSERT INTO "IncidentComponentRegion" ("incidentId", "componentRegionId", status)
     SELECT $1, cr.id, 'major_outage' FROM "ComponentRegion" cr JOIN "Component" c ON c.id = cr."componentId" JOIN "Region" r ON r.id = cr."regionId"
      WHERE c.key = 'checkout' AND r.key = 'us-east-2.aws'`,
      [incident!.id],
    );
    await page.goto(`/admin/incidents/${incident!.id}`);
    await page.getByLabel("Message", { exact: true }).fill("My careful words about the payment provider.");
    // Another engineer moves the incident on while this one is typing.
    await sql(
      `UPDATE "Incident" SET status = 'identified', title = 'E2E Checkout errors (payment provider)', version = version + 1 WHERE id = $1`,
      [incident!.id],
    );
    await page.getByRole("button", { name: "Post update" }).click();

    await expect(page.getByText("Someone else changed this incident")).toBeVisible();
    await expect(page.getByTestId("conflict-current")).toContainText("E2E Checkout errors (payment provider)");
    await expect(page.getByTestId("conflict-current")).toContainText("Identified");
    await expect(page.getByLabel("Message", { exact: true })).toHaveValue(
      "My careful words about the payment provider.",
    );
    expect(await sql(`SELECT 1 FROM "IncidentUpdate" WHERE "incidentId" = $1`, [incident!.id])).toHaveLength(0);

    // Sent again after reading the current state, it goes through.
    await page.getByRole("button", { name: "Post update" }).click();
    await expect(page.getByRole("status")).toHaveText("Update posted.");
    await expect(page.locator('[data-update-status="identified"]')).toContainText(
      "My careful words about the payment provider.",
    );
  },
);

for (const [who, email] of [
  ["a viewer", PEOPLE.viewer],
  ["an account manager", PEOPLE.accountManager],
] as const) {
  test(
    `${who} reads incidents but cannot change one, through the UI or a crafted request`,
    SERVER_ONLY,
    async ({ page, context, baseURL, browser }) => {
      // An engineer's browser produces a real "post update" request, which we stop before it reaches the server.
      const engineer = await browser.newContext({ baseURL });
      await engineer.addCookies([{ name: SESSION_COOKIE, value: await sessionFor(PEOPLE.engineer), url: baseURL! }]);
      const engineerPage = await engineer.newPage();
      const [incident] = await sql<{ id: string }>(
        `INSERT INTO "Incident" (id, title, priority, impact, status, "startedAt", "publishedAt", "updatedAt")
       VALUES ('e2e-roles-' || md5(random()::text), 'E2E Orders API failing', 'P1', 'critical', 'investigating', now(), now(), now()) RETURNING id`,
      );
      await sql(
        `INSERT INTO "IncidentComponentRegion" ("incidentId", "componentRegionId", status)
       SELECT $1, cr.id, 'major_outage' FROM "ComponentRegion" cr JOIN "Component" c ON c.id = cr."componentId" JOIN "Region" r ON r.id = cr."regionId"
        WHERE c.key = 'carts-orders-api' AND r.key = 'europe-west1.gcp'`,
        [incident!.id],
      );
      await engineerPage.goto(`/admin/incidents/${incident!.id}`);
      let captured: { headers: Record<string, string>; body: Buffer } | null = null;
      await engineerPage.route(`**/admin/incidents/${incident!.id}`, async (route) => {
        const request = route.request();
        if (request.method() !== "POST") return route.continue();
        captured = { headers: request.headers(), body: request.postDataBuffer()! };
        await route.abort();
      });
      await engineerPage.getByLabel("Status", { exact: true }).selectOption("resolved");
      await engineerPage.getByLabel("Message", { exact: true }).fill("Resolved by someone who may not.");
      await engineerPage.getByRole("button", { name: "Post update" }).click();
      await expect.poll(() => captured).not.toBeNull();
      await engineer.close();

      // The UI offers nothing to change.
      await signInAs(context, baseURL!, email);
      await page.goto(`/admin/incidents/${incident!.id}`);
      await expect(page.getByRole("heading", { level: 1, name: "E2E Orders API failing" })).toBeVisible();
      await expect(page.getByText("Read only: your role does not change incidents.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Post update" })).toHaveCount(0);
      await page.goto("/admin/incidents");
      await expect(page.getByRole("link", { name: "Declare incident" })).toHaveCount(0);
      expect((await page.goto("/admin/incidents/new"))?.status()).toBe(403);

      // The same request, sent with this person's session, is refused and changes nothing.
      const before = await incidentCount();
      const { cookie: _engineerCookie, ...headers } = captured!.headers;
      const response = await page.request.post(`/admin/incidents/${incident!.id}`, {
        headers: { ...headers, cookie: `${SESSION_COOKIE}=${await sessionFor(email)}` },
        data: captured!.body,
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      expect(
        (
          await sql<{ status: string; version: number }>(`SELECT status, version FROM "Incident" WHERE id = $1`, [
            incident!.id,
          ])
        )[0],
      ).toEqual({ status: "investigating", version: 0 });
      expect(await sql(`SELECT 1 FROM "IncidentUpdate" WHERE "incidentId" = $1`, [incident!.id])).toHaveLength(0);
      expect(await incidentCount()).toBe(before);
    },
  );
}
