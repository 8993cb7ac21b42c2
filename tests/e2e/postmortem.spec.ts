// The postmortem of a real detected incident, in a browser: a chaos fault is
// confirmed by probes, proposed, approved, updated and resolved; the
// postmortem opens pre-filled from that record (timeline at the record's own
// times, impact in measured minutes); engineer A writes and submits it, cannot
// approve it, engineer B approves and publishes; readers find it on the page,
// in /api/v2 and the Atom feed, and subscribers in scope get one email.
import { expect, type Page, test } from "@playwright/test";
import { PEOPLE, signInAs } from "./console-session.ts";
import { sql } from "./database.ts";
import { type Monitoring, startMonitoring, untilPublicStatus, untilVisible } from "./monitoring.ts";
import {
  addEngineerB,
  addSubscriber,
  approveAndPublishAsB,
  MAIL_PUBLIC_URL,
  type MailFlow,
  postmortemMailDrained,
  saveAndWait,
  saveSections,
  startMailFlow,
} from "./postmortem-fixtures.ts";
import { expectNoSeriousViolations } from "./axe.ts";
import { RECORD_LEAD_MS } from "../../lib/postmortems/record-facts.ts";

test.describe.configure({ mode: "serial" });

let monitoring: Monitoring;
let mail: MailFlow;
const startedAt = new Date();
let incidentId = "";
let inScope = "";
let outOfScope = "";

test.beforeAll(async ({ baseURL }) => {
  const project = test.info().project.name;
  inScope = `pm-checkout-${project}-${Date.now()}@example.test`;
  outOfScope = `pm-search-${project}-${Date.now()}@example.test`;
  await addEngineerB();
  await addSubscriber(inScope, "checkout");
  await addSubscriber(outOfScope, "search");
  [monitoring, mail] = await Promise.all([startMonitoring(baseURL!, ["checkout"]), startMailFlow()]);
});

test.afterAll(async () => {
  await mail?.stop();
  await monitoring?.stop();
  await sql(`DELETE FROM "Incident" WHERE "createdAt" >= $1`, [startedAt]);
  await sql(`DELETE FROM "Subscriber" WHERE email = ANY($1)`, [[inScope, outOfScope]]);
});

/** A timeline row's time, as the page wrote it (ISO, to the millisecond). */
async function entryTime(page: Page, sourceKey: string): Promise<number> {
  return Date.parse((await page.locator(`[data-entry="${sourceKey}"] time`).first().getAttribute("datetime"))!);
}

const SUMMARY =
  "Checkout payments failed in **us-central1.gcp** for under a minute. Details on the [status page](https://status.example.com/checkout).";
const ROOT_CAUSE =
  "The payment adapter's health check failed:\n\n| Region | Result |\n|---|---|\n| us-central1.gcp | 503 |\n| europe-west1.gcp | 200 |";

test("a chaos fault's incident gets a postmortem written from the record, reviewed by a second engineer, and published to readers and subscribers", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const CHECKOUT_US = ["checkout", "us-central1.gcp"] as const;
  await untilPublicStatus(page, CHECKOUT_US, { key: "operational", shown: "Operational" }, 60_000);
  await signInAs(page.context(), baseURL!, PEOPLE.engineer);

  // The incident: detected, approved, updated, resolved.
  const faultAt = new Date();
  await monitoring.injectFault({ component: "checkout", region: "us-central1.gcp", mode: "down" });
  // The probes confirm it first (a burn-rate page may propose even sooner; the engineer acts on the confirmed outage).
  await untilPublicStatus(page, CHECKOUT_US, { key: "major_outage", shown: "Major outage" }, 90_000);
  const proposal = () => page.locator("[data-incident]").filter({ hasText: "Checkout" });
  await untilVisible(page, "/admin/incidents?state=proposed", proposal);
  await proposal().getByRole("link").first().click();
  await page.waitForURL(/\/admin\/incidents\/[^/?]+$/);
  incidentId = page.url().split("/").at(-1)!;
  await page
    .getByLabel("First public message (optional)")
    .fill("Payments fail for shoppers in Iowa. We are investigating.");
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByRole("heading", { name: "Post an update" })).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("identified");
  await page.getByLabel("Message", { exact: true }).fill("The payment adapter's health check fails; rolling back.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status")).toHaveText("Update posted.");
  await monitoring.clearFaults();
  await page.getByLabel("Status", { exact: true }).selectOption("resolved");
  await page.getByLabel("Message", { exact: true }).fill("Rolled back; payments work again.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("resolved")).toBeVisible();

  // The incident page says a postmortem is due (P2), with nobody on it yet.
  await page.goto(`/admin/incidents/${incidentId}`);
  await expect(page.getByTestId("incident-postmortem")).toContainText("Postmortem due, not started");
  await page.getByTestId("incident-postmortem").getByRole("link", { name: "Write postmortem" }).click();
  await page.getByRole("button", { name: "Start postmortem" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Postmortem: /);

  // Pre-filled from the record, at the record's own times.
  const [cr] = await sql<{ id: string }>(
    `SELECT cr.id FROM "ComponentRegion" cr JOIN "Component" c ON c.id = cr."componentId" JOIN "Region" r ON r.id = cr."regionId" WHERE c.key = 'checkout' AND r.key = 'us-central1.gcp'`,
  );
  const [incident] = await sql<{ startedAt: Date; acknowledgedAt: Date; resolvedAt: Date }>(
    `SELECT "startedAt", "acknowledgedAt", "resolvedAt" FROM "Incident" WHERE id = $1`,
    [incidentId],
  );
  // The record opens RECORD_LEAD_MS before the incident started: a check that failed in that lead is its first
  // failure, even one before the fault (a probe timing out on the busy machine, seen once in a local run).
  const [firstFailure] = await sql<{ at: Date }>(
    `SELECT min("checkedAt") AS at FROM "CheckResult" WHERE "componentRegionId" = $1 AND outcome <> 'up' AND "checkedAt" >= $2`,
    [cr!.id, new Date(incident!.startedAt.getTime() - RECORD_LEAD_MS)],
  );
  const [confirmed] = await sql<{ id: string; at: Date }>(
    `SELECT id, at FROM "StatusChange" WHERE "componentRegionId" = $1 AND source = 'probes' AND "toStatus" = 'major_outage' AND at >= $2 ORDER BY at LIMIT 1`,
    [cr!.id, new Date(faultAt.getTime() - 5_000)],
  );
  const updates = await sql<{ id: string; createdAt: Date }>(
    `SELECT id, "createdAt" FROM "IncidentUpdate" WHERE "incidentId" = $1 ORDER BY "createdAt"`,
    [incidentId],
  );
  expect(updates.length).toBeGreaterThanOrEqual(3);
  expect(await entryTime(page, `check:first:${cr!.id}`)).toBe(firstFailure!.at.getTime());
  expect(await entryTime(page, `status:${confirmed!.id}`)).toBe(confirmed!.at.getTime());
  expect(Math.abs((await entryTime(page, "incident:approved")) - incident!.acknowledgedAt.getTime())).toBeLessThan(
    1_000,
  );
  for (const update of updates) expect(await entryTime(page, `update:${update.id}`)).toBe(update.createdAt.getTime());
  expect(await entryTime(page, "incident:resolved")).toBe(incident!.resolvedAt.getTime());
  await expect(page.locator(`[data-entry="check:first:${cr!.id}"]`)).toContainText("First failing check on Checkout");

  // Impact holds the measured minutes, in the table and in the Impact section's draft.
  const [{ impactReport }] = (await sql<{
    impactReport: { componentRegions: { componentRegionId: string; minutes: Record<string, number> }[] };
  }>(`SELECT "impactReport" FROM "Postmortem" WHERE "incidentId" = $1`, [incidentId])) as [
    { impactReport: { componentRegions: { componentRegionId: string; minutes: Record<string, number> }[] } },
  ];
  const measured = impactReport.componentRegions.find((c) => c.componentRegionId === cr!.id)!.minutes.major_outage!;
  expect(measured).toBeGreaterThan(0);
  const minutesText = `${Number.isInteger(measured) ? measured : measured.toFixed(1)} min`;
  await expect(page.locator('[data-impact-row="checkout@us-central1.gcp"] [data-minutes="major_outage"]')).toHaveText(
    minutesText,
  );
  await expect(page.getByLabel("Impact", { exact: true })).toHaveValue(new RegExp(minutesText.replace(".", "\\.")));

  // Engineer A writes, previews a table and a link, adds two action items and submits.
  const form = page.getByRole("form", { name: "Postmortem sections" });
  await form.getByLabel("Root cause", { exact: true }).fill(ROOT_CAUSE);
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator('[data-section="rootCause"] .markdown table td').first()).toHaveText("us-central1.gcp");
  await saveSections(page, {
    Summary: SUMMARY,
    "Root cause": ROOT_CAUSE,
    "Corrective and preventative measures": "We deploy the payment adapter behind a canary.",
  });
  await page
    .getByRole("form", { name: "Postmortem sections" })
    .getByLabel(/^Lessons learned/)
    .fill("We got lucky: it was a quiet hour.");
  await saveAndWait(page);

  // Two tabs saving from the same version: the stale save is refused, shows the text as it is now, and keeps what was typed.
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await saveSections(page, { Leadup: "Deploy 4711 of the payment adapter went out at the top of the hour." });
  const staleForm = stale.getByRole("form", { name: "Postmortem sections" });
  await staleForm.getByLabel("Leadup", { exact: true }).fill("MY STALE LEADUP");
  await staleForm.getByRole("button", { name: "Save sections" }).click();
  await expect(stale.getByRole("form", { name: "Postmortem sections" }).getByRole("alert")).toContainText(
    "Someone else changed this postmortem",
  );
  await expect(stale.getByTestId("conflict-current")).toContainText("Deploy 4711 of the payment adapter went out");
  await expect(
    stale.getByRole("form", { name: "Postmortem sections" }).getByLabel("Leadup", { exact: true }),
  ).toHaveValue("MY STALE LEADUP");
  await stale.close();

  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const addItem = async (title: string, type: string, isPublic: boolean) => {
    const add = page.getByRole("form", { name: "Add an action item" });
    await add.getByLabel("Title").fill(title);
    await add.getByLabel("Due date").fill(due);
    await add.getByLabel("Type").selectOption(type);
    if (isPublic) await add.getByLabel(/^Public/).check();
    await add.getByRole("button", { name: "Add action item" }).click();
    await expect(page.locator(`[data-action-item="${title}"]`)).toBeVisible();
  };
  await addItem("Canary deploys for the payment adapter", "prevent", true);
  await addItem("Page on-call for one-region checkout 503s", "detect", false);
  await expect(page.locator("[data-action-item]")).toHaveCount(2);

  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("review-box").locator("[data-postmortem-state]")).toHaveText("In review");
  // The two-person rule: the author's Approve is disabled, and says why.
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toBeDisabled();
  await expect(page.getByTestId("approve-blocked")).toContainText("another engineer must approve it");

  await approveAndPublishAsB(browser, baseURL!, incidentId);

  // Readers: the incident page, below the updates.
  await expect(async () => {
    await page.goto(`/incidents/${incidentId}`);
    await expect(page.getByTestId("postmortem")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const postmortem = page.getByTestId("postmortem");
  await expect(postmortem.getByRole("heading", { level: 3 })).toHaveText([
    "Summary",
    "Leadup",
    "Impact",
    "Detection",
    "Root cause",
    "Mitigation and resolution",
    "Corrective and preventative measures",
    "Timeline",
  ]);
  await expect(postmortem.locator("table td", { hasText: "europe-west1.gcp" }).first()).toBeVisible();
  const link = postmortem.getByRole("link", { name: "status page" });
  await expect(link).toHaveAttribute("href", "https://status.example.com/checkout");
  await expect(link).toHaveAttribute("rel", /noopener/);
  await expect(postmortem.getByTestId("public-action-items")).toHaveText(
    /Canary deploys for the payment adapter.*Open/,
  );
  await expect(postmortem).not.toContainText("Page on-call for one-region checkout 503s");
  await expect(postmortem).not.toContainText("We got lucky");
  await expect(postmortem.getByTestId("public-timeline")).toContainText("First failing check on Checkout");
  await expect(postmortem.locator("[data-postmortem-published]")).toContainText("Published");
  await expect(page.locator("#updates")).toBeVisible();

  // The Statuspage API and the Atom feed.
  const api = (await (await page.request.get("/api/v2/incidents.json")).json()) as {
    incidents: { id: string; status: string; postmortem_body: string | null; postmortem_published_at: string | null }[];
  };
  const shaped = api.incidents.find((i) => i.id === incidentId)!;
  expect(shaped.status).toBe("postmortem");
  expect(shaped.postmortem_body).toContain("## Summary\n\nCheckout payments failed");
  expect(shaped.postmortem_published_at).not.toBeNull();
  const atom = await (await page.request.get("/feed.atom")).text();
  expect(atom).toContain(`<id>${baseURL}/incidents/${incidentId}#postmortem-1</id>`);
  expect(atom).toMatch(/<title type="text">Postmortem: [^<]*Checkout/);

  // Subscribers: one email to the one whose scope covers checkout, none to the other.
  await postmortemMailDrained(incidentId);
  await expect.poll(async () => (await mail.mailTo(inScope, "Postmortem:")).length, { timeout: 15_000 }).toBe(1);
  const [email] = await mail.mailTo(inScope, "Postmortem:");
  expect(email!.html).toContain(`href="${MAIL_PUBLIC_URL}/incidents/${incidentId}#postmortem"`);
  expect(email!.text).toContain("Checkout payments failed in us-central1.gcp");
  expect(await mail.mailTo(outOfScope, "")).toEqual([]);
});

test("the new pages have no serious or critical accessibility violations, light and dark", async ({
  page,
  baseURL,
}) => {
  // Axe over seven pages: a slow test, not a slow page.
  test.slow();
  expect(incidentId, "the published postmortem of the test above").not.toBe("");
  const [{ id: fresh }] = (await sql<{ id: string }>(
    `INSERT INTO "Incident" (id, title, priority, impact, status, source, review, "startedAt", "resolvedAt", "publishedAt", "updatedAt")
     VALUES ('e2e-pm-' || md5(random()::text), 'E2E Search slow', 'P3', 'minor', 'resolved', 'manual', 'approved', now() - interval '2 hours', now() - interval '1 hour', now(), now()) RETURNING id`,
  )) as [{ id: string }];
  const pages: [string, string | null][] = [
    [`/incidents/${incidentId}`, null],
    ["/admin", PEOPLE.engineer],
    ["/admin/postmortems?tab=published", PEOPLE.engineer],
    ["/admin/action-items", PEOPLE.engineer],
    [`/admin/incidents/${incidentId}/postmortem`, PEOPLE.engineer],
    [`/admin/incidents/${fresh}/postmortem`, PEOPLE.engineer],
    [`/admin/incidents/${incidentId}/postmortem`, PEOPLE.viewer],
  ];
  for (const [path, who] of pages) {
    await page.context().clearCookies();
    if (who) await signInAs(page.context(), baseURL!, who);
    await page.goto(path);
    if (who === PEOPLE.viewer) {
      // Viewers read the internal version (Lessons learned included) and get no forms.
      await expect(page.getByText("We got lucky: it was a quiet hour.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Save sections" })).toHaveCount(0);
      await expect(page.locator("form")).toHaveCount(1); // sign out
    }
    await page.locator("details").evaluateAll((all) => {
      for (const d of all) (d as HTMLDetailsElement).open = true;
    });
    await expectNoSeriousViolations(page, `${path} as ${who ?? "reader"}`);
  }
});
