// SLA reports as an account manager uses them, on desktop and phone: open a
// customer's month, check the figures, download the CSV and the PDF, restate
// the month after a late correction; and who may not: a viewer reads but
// cannot change, no session gets the sign-in page or a 401, a revoked token a 401.
import fs from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { pdfText } from "../support/pdf-text.ts";
import { PEOPLE, SESSION_COOKIE, sessionFor, signInAs } from "./console-session.ts";
import { oneAnnouncement, sql } from "./database.ts";
import {
  AVAILABILITY,
  addConfirmedStatus,
  CREDIT,
  INCIDENT_TITLE,
  MONTH,
  removeNorthwind,
  type SlaFixture,
  seedNorthwind,
} from "./sla-fixtures.ts";
import { SERVER_ONLY } from "./projects.ts";
import { expectNoSeriousViolations } from "./axe.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

let northwind: SlaFixture;

test.beforeAll(() =>
  oneAnnouncement(async () => {
    northwind = await seedNorthwind(test.info().project.name);
  }),
);

test.afterAll(() =>
  oneAnnouncement(async () => {
    await removeNorthwind(northwind);
    await sql(`DELETE FROM "ApiToken" WHERE name LIKE 'E2E %'`);
    await sql(`DELETE FROM "Customer" WHERE key = $1`, [`contoso-e2e-${test.info().project.name}`]);
  }),
);

const statementPath = () => `/admin/sla/contracts/${northwind.contractId}/${MONTH}`;
const apiPath = (extension: string) => `/api/sla/contracts/${northwind.contractId}/statements/${MONTH}.${extension}`;

async function download(page: Page, link: ReturnType<Page["getByRole"]>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return fs.readFile((await file.path())!);
}

test(
  "an account manager opens Northwind's month, downloads the CSV and the PDF, and restates the month after a correction",
  SERVER_ONLY,
  async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL!, PEOPLE.accountManager);
    await page.goto("/admin/sla");
    await page.getByRole("link", { name: "SLA reports" }).waitFor();
    await page
      .locator(`[data-customer="northwind-e2e-${test.info().project.name}"]`)
      .getByRole("link", { name: "Enterprise" })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${northwind.customerName} — Enterprise`);
    await page.getByRole("link", { name: "← 2025" }).click();
    const march = page.getByTestId("year-view").locator(`[data-month="${MONTH}"]`);
    await expect(march).toContainText(AVAILABILITY);
    await expect(march).toContainText("Missed");
    await expect(march).toContainText(CREDIT);
    await march.getByRole("link", { name: "March 2025", exact: true }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `${northwind.customerName} — Enterprise — March 2025`,
    );
    await expect(page.getByTestId("statement-header")).toContainText("Calendar month (UTC)");
    await expect(page.locator('[data-figure="availability"]')).toContainText(AVAILABILITY);
    await expect(page.locator('[data-figure="downtime"]')).toContainText("90 min");
    await expect(page.locator('[data-figure="met"]')).toContainText("Missed");
    await expect(page.locator('[data-figure="credit"]')).toContainText(`10 % = ${CREDIT}`);
    await expect(page.getByTestId("incidents").getByRole("row", { name: new RegExp(INCIDENT_TITLE) })).toContainText(
      "90 min",
    );
    await expect(page.getByRole("img", { name: /Daily availability/ })).toBeVisible();

    const revision1 = page.locator('[data-revision="1"]');
    const csv = (await download(page, revision1.getByRole("link", { name: "CSV of revision 1" }))).toString("utf8");
    expect(csv).toContain("99.798");
    expect(csv).toContain("Checkout");
    const pdf = (await pdfText(await download(page, revision1.getByRole("link", { name: "PDF of revision 1" })))).text;
    expect(pdf).toContain("99.798");
    expect(pdf).toContain("100.00");
    expect(pdf).toContain(INCIDENT_TITLE);

    // A late probe result: 30 minutes of partial outage (weight 0.5) the issued month did not know about.
    await addConfirmedStatus(northwind.componentRegionId, "2025-03-20T08:00:00Z", "partial_outage");
    await addConfirmedStatus(northwind.componentRegionId, "2025-03-20T08:30:00Z", "operational");
    await page.reload();
    await page.getByRole("button", { name: "Restate" }).click();
    await expect(page.getByText("Say why the statement is restated.")).toBeVisible();
    await page.getByLabel("Reason").fill("Late probe results from the Frankfurt vantage");
    await page.getByRole("button", { name: "Restate" }).click();
    await expect(page.getByRole("status")).toContainText("revision 2");
    await page.reload();
    await expect(page.getByTestId("restated")).toContainText("because Late probe results from the Frankfurt vantage");
    await expect(page.locator('[data-figure="downtime"]')).toContainText("105 min");
    await expect(page.locator("[data-revision]")).toHaveCount(2);
    // The issued revision is still served as it was.
    const first = (
      await download(page, page.locator('[data-revision="1"]').getByRole("link", { name: "CSV of revision 1" }))
    ).toString("utf8");
    expect(first).toBe(csv);
  },
);

test(
  "the contract form names each field it refuses; a viewer reads the contract but cannot change it, through the page or a crafted request",
  SERVER_ONLY,
  async ({ page, context, baseURL, browser }) => {
    const manager = await browser.newContext({ baseURL });
    await manager.addCookies([{ name: SESSION_COOKIE, value: await sessionFor(PEOPLE.accountManager), url: baseURL! }]);
    const managerPage = await manager.newPage();
    const contractPath = `/admin/sla/contracts/${northwind.contractId}`;
    await managerPage.goto(contractPath);
    const form = managerPage.getByRole("form", { name: "Change the contract" });
    await form.getByLabel("Target (% availability)").fill("101");
    await form.getByLabel("Tier 2: availability below (%)").fill("99.95");
    await form.getByRole("button", { name: "Save contract" }).click();
    await expect(form.getByText("The target must be above 0 and at most 100 %.")).toBeVisible();
    await expect(form.getByText(/Thresholds must strictly descend/)).toBeVisible();
    await expect(form.getByLabel("Target (% availability)")).toHaveValue("101");

    // Someone else saves first: the form says so, shows their contract, and keeps what was typed.
    await sql(`UPDATE "Contract" SET version = version + 1, "monthlyFee" = 1200 WHERE id = $1`, [northwind.contractId]);
    await form.getByLabel("Target (% availability)").fill("99.95");
    await form.getByLabel("Tier 2: availability below (%)").fill("99");
    await form.getByRole("button", { name: "Save contract" }).click();
    await expect(form.getByTestId("conflict-current")).toContainText("fee 1200 EUR");
    await expect(form.getByLabel("Target (% availability)")).toHaveValue("99.95");

    // A valid change, stopped before it reaches the server, to be sent again as the viewer.
    let captured: { headers: Record<string, string>; body: Buffer } | null = null;
    await managerPage.route(`**${contractPath}`, async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      captured = { headers: request.headers(), body: request.postDataBuffer()! };
      await route.abort();
    });
    await form.getByLabel("Target (% availability)").fill("95");
    await form.getByLabel("Tier 2: availability below (%)").fill("99");
    await form.getByRole("button", { name: "Save contract" }).click();
    await expect.poll(() => captured).not.toBeNull();
    await manager.close();

    await signInAs(context, baseURL!, PEOPLE.viewer);
    await page.goto(contractPath);
    await expect(
      page.getByText("Read only: only admins and account managers change contracts or restate statements."),
    ).toBeVisible();
    await expect(page.getByTestId("contract-terms")).toContainText("99.9 % availability");
    await expect(page.getByRole("button", { name: "Save contract" })).toHaveCount(0);
    await page.goto(statementPath());
    await expect(page.getByRole("button", { name: "Restate" })).toHaveCount(0);

    const [before] = await sql<{ version: number }>(`SELECT version FROM "Contract" WHERE id = $1`, [
      northwind.contractId,
    ]);
    const { cookie: _managerCookie, ...headers } = captured!.headers;
    const response = await page.request.post(contractPath, {
      headers: { ...headers, cookie: `${SESSION_COOKIE}=${await sessionFor(PEOPLE.viewer)}` },
      data: captured!.body,
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(
      await sql(`SELECT version, "slaTargetPercent"::text AS target FROM "Contract" WHERE id = $1`, [
        northwind.contractId,
      ]),
    ).toEqual([{ version: before!.version, target: "99.900" }]);
  },
);

test("an account manager adds a customer and writes its first contract", async ({ page, context, baseURL }) => {
  const project = test.info().project.name;
  await signInAs(context, baseURL!, PEOPLE.accountManager);
  await page.goto("/admin/sla");
  const add = page.getByRole("form", { name: "Add a customer" });
  await add.getByLabel("Name").fill(`Contoso E2E ${project}`);
  await add.getByLabel("Key").fill(`contoso-e2e-${project}`);
  await add.getByRole("button", { name: "Add customer" }).click();
  await expect(add.getByRole("status")).toContainText(`Added Contoso E2E ${project}`);
  await page.getByRole("link", { name: `Add a contract for Contoso E2E ${project}` }).click();

  const form = page.getByRole("form", { name: "New contract" });
  await form.getByLabel("Contract name").fill("Standard");
  await form.getByRole("button", { name: "Create contract" }).click();
  await expect(form.getByText("Choose at least one region.")).toBeVisible();
  await expect(form.getByLabel("Contract name")).toHaveValue("Standard");
  await form.getByRole("checkbox", { name: /europe-west1\.gcp/ }).check();
  await form.getByRole("checkbox", { name: /^Checkout checkout$/ }).check();
  await form.getByRole("button", { name: "Create contract" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Contoso E2E ${project} — Standard`);
  await expect(page.getByTestId("contract-terms")).toContainText("All components: 1 component-region");
});

test(
  "without a session the pages send you to sign in and the API answers 401; a personal token works until it is revoked",
  SERVER_ONLY,
  async ({ page, context, baseURL, request }) => {
    await page.goto(statementPath());
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    expect((await request.get(apiPath("csv"))).status()).toBe(401);

    await signInAs(context, baseURL!, PEOPLE.accountManager);
    await page.goto("/admin/tokens");
    const name = `E2E billing ${test.info().project.name}`;
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("Token", { exact: true }).inputValue();
    expect(token).toMatch(/^bwt_/);
    await expect(page.getByLabel("Try it")).toHaveValue(new RegExp(`Authorization: Bearer ${token}.*/statements/`));

    const authorized = { headers: { authorization: `Bearer ${token}` } };
    const csv = await request.get(apiPath("csv"), authorized);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("99.7");
    await page.reload();
    const row = page.locator(`[data-token="${name}"]`);
    await expect(row).toContainText("last used");
    await expect(page.getByLabel("Token", { exact: true })).toHaveCount(0);

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
    expect((await request.get(apiPath("pdf"), authorized)).status()).toBe(401);
  },
);

test("the SLA pages and API tokens have no serious or critical accessibility violations, light and dark", async ({
  page,
  context,
  baseURL,
}) => {
  // Axe over several pages in one test: a slow test, not a slow page.
  test.slow();
  await signInAs(context, baseURL!, PEOPLE.accountManager);
  for (const path of [
    "/admin/sla",
    `/admin/sla/contracts/${northwind.contractId}?year=2025`,
    statementPath(),
    `/admin/sla/contracts/new?customer=${northwind.customerId}`,
    "/admin/tokens",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, path);
    await page.locator("details").evaluateAll((all) => {
      for (const d of all) (d as HTMLDetailsElement).open = true;
    });
    await expectNoSeriousViolations(page, path);
  }
});
