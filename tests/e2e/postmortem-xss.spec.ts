// Every payload of the XSS corpus in every section and in a timeline entry,
// published: on the console page, the public page and in the emailed HTML,
// nothing runs (no dialog opens), no on* attribute survives and no
// javascript: link remains. Chromium renders what the server sent.
import { expect, type Page, test } from "@playwright/test";
import { POSTMORTEM_SECTION_DEFINITIONS } from "../../lib/domain/postmortem-sections.ts";
import { XSS_PAYLOADS } from "../support/xss-corpus.ts";
import { PEOPLE, signInAs } from "./console-session.ts";
import { oneAnnouncement, sql } from "./database.ts";
import { addAffected } from "./public-site-fixtures.ts";
import {
  addEngineerB,
  addSubscriber,
  approveAndPublishAsB,
  type MailFlow,
  postmortemMailDrained,
  startMailFlow,
} from "./postmortem-fixtures.ts";

// Sanitising is the same on every screen size: playwright.config.ts runs this on desktop only.

const CORPUS = XSS_PAYLOADS.join("\n\n");
let mail: MailFlow;
let incidentId = "";
const subscriber = `pm-xss-${Date.now()}@example.test`;

test.beforeAll(() =>
  oneAnnouncement(async () => {
    await addEngineerB();
    await addSubscriber(subscriber, null);
    mail = await startMailFlow();
    [{ id: incidentId }] = (await sql<{ id: string }>(
      `INSERT INTO "Incident" (id, title, priority, impact, status, source, review, "startedAt", "acknowledgedAt", "resolvedAt", "publishedAt", "updatedAt")
       VALUES ('e2e-xss-' || md5(random()::text), 'E2E <img src=x onerror=alert(1)> checkout', 'P2', 'major', 'resolved', 'manual', 'approved',
               now() - interval '3 hours', now() - interval '3 hours', now() - interval '2 hours', now() - interval '3 hours', now()) RETURNING id`,
    )) as [{ id: string }];
    await addAffected(incidentId, "checkout", "us-central1.gcp", "major_outage");
  }),
);

test.afterAll(() =>
  oneAnnouncement(async () => {
    await mail?.stop();
    await sql(`DELETE FROM "Incident" WHERE id = $1`, [incidentId]);
    await sql(`DELETE FROM "Subscriber" WHERE email = $1`, [subscriber]);
  }),
);

/** Whatever in the document could run script: on* attributes and javascript:/data: URLs, and script inside rendered Markdown. */
async function danger(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const scheme = (v: string) =>
      [...v]
        .filter((c) => c.charCodeAt(0) > 0x20 && !/[\u007f-\u00a0\u200b-\u200f\u2028\u2029\u2060\ufeff]/.test(c))
        .join("")
        .toLowerCase();
    // React marks a hydrated form whose action is a function with this URL of its own.
    const reactForm = (el: Element, value: string) =>
      el.localName === "form" &&
      value.startsWith("javascript:throw new Error('A React form was unexpectedly submitted.");
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.name === "action" && reactForm(el, attr.value)) continue;
        if (attr.name.startsWith("on")) found.push(`${attr.name} on <${el.localName}>`);
        if (
          ["href", "src", "action", "formaction", "xlink:href", "data"].includes(attr.name) &&
          /^(javascript|vbscript|data):/.test(scheme(attr.value))
        )
          found.push(`${attr.name}=${attr.value} on <${el.localName}>`);
      }
    }
    for (const el of Array.from(
      document.querySelectorAll(
        ".markdown script, .markdown iframe, .markdown object, .markdown embed, .markdown svg, .markdown style, .markdown img",
      ),
    ))
      found.push(`<${el.localName}> in Markdown`);
    return found;
  });
}

function watchDialogs(page: Page): string[] {
  const fired: string[] = [];
  page.on("dialog", (dialog) => {
    fired.push(dialog.message());
    void dialog.dismiss();
  });
  return fired;
}

test("the XSS corpus in every section and a timeline entry runs nowhere: console, public page, email", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const dialogs = watchDialogs(page);
  await signInAs(page.context(), baseURL!, PEOPLE.engineer);
  await page.goto(`/admin/incidents/${incidentId}/postmortem`);
  await page.getByRole("button", { name: "Start postmortem" }).click();

  const form = page.getByRole("form", { name: "Postmortem sections" });
  for (const section of POSTMORTEM_SECTION_DEFINITIONS)
    await page.locator(`textarea[name="${section.key}"]`).fill(`${section.heading}\n\n${CORPUS}`);
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator('[data-section="summary"] .markdown').first()).toBeVisible();
  expect(await danger(page)).toEqual([]);
  await page.getByRole("form", { name: "Postmortem sections" }).getByRole("button", { name: "Save sections" }).click();
  await expect(page.getByRole("form", { name: "Postmortem sections" }).getByRole("status")).toHaveText("Saved.");

  const add = page.getByRole("form", { name: "Add a timeline entry" });
  await add.getByLabel("What happened").fill(CORPUS);
  await add.getByRole("button", { name: "Add entry" }).click();
  await expect(page.locator('[data-entry="engineer"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("review-box").locator("[data-postmortem-state]")).toHaveText("In review");
  await approveAndPublishAsB(browser, baseURL!, incidentId);

  // The console, as the author sees it now: previews, the timeline, the read-only parts.
  await page.goto(`/admin/incidents/${incidentId}/postmortem`);
  await page.locator("details").evaluateAll((all) => {
    for (const d of all) (d as HTMLDetailsElement).open = true;
  });
  await expect(page.locator('[data-entry="engineer"] .markdown')).toBeVisible();
  expect(await danger(page)).toEqual([]);

  // The public page, served from the published snapshot.
  await expect(async () => {
    await page.goto(`/incidents/${incidentId}`);
    await expect(page.getByTestId("postmortem")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("public-timeline")).toBeVisible();
  expect(await danger(page)).toEqual([]);

  // The email, in the same browser.
  await postmortemMailDrained(incidentId);
  await expect.poll(async () => (await mail.mailTo(subscriber, "Postmortem:")).length, { timeout: 15_000 }).toBe(1);
  const [email] = await mail.mailTo(subscriber, "Postmortem:");
  await page.setContent(email!.html || "");
  expect(await danger(page)).toEqual([]);

  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
