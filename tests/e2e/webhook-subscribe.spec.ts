import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { declareIncident } from "../../lib/incidents/declare-incident.ts";
import { fanOutPendingEvents } from "../../lib/notifications/fan-out.ts";
import { startNotificationSender } from "../../lib/notifications/sender.ts";
import { PEOPLE, signInAs } from "./console-session.ts";
import { sql, sqlUnannounced } from "./database.ts";
import { componentRegionId } from "./public-site-fixtures.ts";
import { withDb } from "./sla-fixtures.ts";

// A reader subscribes a webhook on the public form — the demo's own catcher, which answers the challenge — and
// an incident declared afterwards arrives there, signed with the secret the form showed once.
// The incident it declares is open: it would show as checkout's partial outage to every later spec on this server.
test.afterAll(async () => {
  await sql(`DELETE FROM "Incident" WHERE title LIKE 'E2E webhook incident %'`);
});

test("subscribes a webhook on the public form and sees an incident arrive at the demo catcher", async ({
  page,
  baseURL,
}) => {
  // The browser is always 127.0.0.1: start with a full per-client bucket.
  await sqlUnannounced(`DELETE FROM "bellwether_runtime"."RateLimitBucket" WHERE key LIKE 'subscribe:client:%'`);
  const name = `e2e-${test.info().project.name}-${randomBytes(4).toString("hex")}`;
  const port = new URL(baseURL!).port;
  const url = `http://127.0.0.1:${port}/api/demo/webhooks/${name}`;

  await page.goto("/subscribe");
  await page.getByRole("link", { name: /By webhook/ }).click();
  await page.getByLabel("Webhook URL").fill(url);
  await page.getByLabel("JSON event document").check();
  await page.getByRole("button", { name: "Subscribe the webhook" }).click();
  await expect(page.getByText(/answered the challenge/)).toBeVisible();
  const secret = await page.getByLabel("Signing secret").textContent();
  expect(secret).toMatch(/^whsec_/);

  // The catcher saw the challenge and answered it.
  await page.goto("/admin/mailbox/webhooks");
  await expect(page.locator(`[data-path="/api/demo/webhooks/${name}"][data-signature="challenge"]`)).toHaveCount(1);

  const title = `E2E webhook incident ${name}`;
  await withDb(async (db) => {
    const engineer = await db.user.findUniqueOrThrow({
      where: { email: PEOPLE.engineer },
      select: { id: true, email: true, role: true },
    });
    await declareIncident(db, engineer, {
      title,
      impact: "major",
      message: "Payments fail for some carts.",
      componentRegions: [
        { componentRegionId: await componentRegionId("checkout", "europe-west1.gcp"), status: "partial_outage" },
      ],
    });
    await fanOutPendingEvents(db);
    // The outbox's sender, as the demo's worker runs it: webhooks only here (the e2e server runs none).
    const sender = startNotificationSender(db, {
      mail: null,
      links: { publicUrl: baseURL!, secret: "e2e-links-are-not-followed-here-000000" },
      webhook: { allowPrivate: true },
      pollMs: 50,
    });
    try {
      await expect
        .poll(async () => db.notification.count({ where: { subscriber: { webhookUrl: url }, state: "sent" } }), {
          timeout: 15_000,
        })
        .toBe(1);
    } finally {
      await sender.stop();
    }
  });

  await page.goto("/admin/mailbox/webhooks");
  const delivery = page.locator(`[data-path="/api/demo/webhooks/${name}"][data-signature="verified"]`);
  await expect(delivery).toHaveCount(1);
  await expect(delivery).toContainText("incident_published");
  await expect(delivery).toContainText("Signature verified");
  await expect(delivery).toContainText(title);
  await expect(delivery).toContainText('"affected"');
});

// An admin adds a webhook subscriber in the console; the secret is shown once, and the subscribers list shows it
// by webhook. An engineer may read subscribers but not add one.
test("an admin adds a webhook subscriber in the console and sees its secret once", async ({
  page,
  context,
  baseURL,
}) => {
  const url = `https://hooks.slack.com/services/E2E/${randomBytes(4).toString("hex")}/x`;
  await signInAs(context, baseURL!, PEOPLE.admin);
  await page.goto("/admin/subscribers");
  await page.getByRole("link", { name: "Add a webhook" }).click();
  await page.getByLabel("Webhook URL").fill(url);
  await page.getByRole("button", { name: "Add webhook subscriber" }).click();
  await expect(page.getByText(`Added ${url} (Slack).`)).toBeVisible();
  await expect(page.getByLabel("Signing secret")).toHaveText(/^whsec_/);
  // Shown once: the page again has no secret.
  await page.reload();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);
  await page.goto(`/admin/subscribers?q=${encodeURIComponent(url)}`);
  await expect(page.getByRole("row").filter({ hasText: "hooks.slack.com" })).toHaveCount(1);

  await context.clearCookies();
  await signInAs(context, baseURL!, PEOPLE.engineer);
  const forbidden = await page.goto("/admin/subscribers/webhooks/new");
  expect(forbidden?.status()).toBe(403);
});
