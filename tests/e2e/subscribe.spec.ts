import { expect, type Page, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { listCaughtMail } from "../../lib/mail/mailbox.ts";
import { sqlUnannounced } from "./database.ts";
import { SERVER_ONLY } from "./projects.ts";
import { expectNoSeriousViolations } from "./axe.ts";

// The subscription pages in a browser with JavaScript off: plain forms must do everything.
test.use({ javaScriptEnabled: false });
test.describe.configure({ mode: "serial" });

/**
 * Each test is a client of its own: the browser always comes from 127.0.0.1 (and the
 * server trusts no X-Forwarded-For), so its per-client bucket starts full again.
 */
async function asNewClient(_page: Page) {
  await sqlUnannounced(`DELETE FROM "bellwether_runtime"."RateLimitBucket" WHERE key LIKE 'subscribe:client:%'`);
}

function address(name: string) {
  return `${name}-${test.info().project.name}-${Date.now()}@example.test`.toLowerCase();
}

/** The e2e server's mail goes to the demo's mail catcher, as in the demo; its mailbox is read from disk, oldest first. */
async function mailTo(email: string, count = 1) {
  const caught = async () =>
    (await listCaughtMail(E2E_DATA_DIR, { to: email })).sort((a, b) => a.id.localeCompare(b.id));
  await expect.poll(async () => (await caught()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  return (await caught())[count - 1]!;
}

/** The emailed link, on the server under test (PUBLIC_URL is its own address). */
function linkIn(text: string, label: string): string {
  const url = new URL(new RegExp(`${label}: (\\S+)`).exec(text)![1]!);
  return `${url.pathname}${url.search}`;
}

async function subscribe(page: Page, email: string, choose?: { component: string; region: string }) {
  await page.goto("/subscribe");
  await page.getByLabel("Email address").fill(email);
  if (choose) {
    await page.getByLabel("Only the regions and components I choose below").check();
    await page
      .getByRole("group", { name: "Components" })
      .getByLabel(choose.component, { exact: false })
      .first()
      .check();
    await page.getByRole("group", { name: "Regions" }).getByLabel(choose.region, { exact: false }).check();
  }
  await page.getByRole("button", { name: "Subscribe" }).click();
}

test("subscribe, confirm, change the scope and unsubscribe — without JavaScript", async ({ page }) => {
  await asNewClient(page);
  const email = address("reader");
  await subscribe(page, email, { component: "Checkout", region: "us-central1.gcp" });
  await expect(page.getByRole("status")).toContainText(`we have sent an email to ${email}`);

  const confirmation = await mailTo(email);
  expect(confirmation.text).toContain("You asked for updates about Checkout in us-central1.gcp.");
  await page.goto(linkIn(confirmation.text ?? "", "Confirm subscription"));
  await expect(page.getByText(`Confirm that ${email} should get status emails.`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toContainText(`You are subscribed: ${email}`);

  await page.getByRole("link", { name: "Manage your subscription" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Manage your subscription");
  await expect(page.getByLabel("Only the regions and components I choose below")).toBeChecked();
  await expect(
    page.getByRole("group", { name: "Regions" }).getByLabel("us-central1.gcp", { exact: false }),
  ).toBeChecked();
  await page.getByLabel("Everything").check();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(page.getByRole("status")).toHaveText("Your choices are saved.");
  await expect(page.getByLabel("Everything")).toBeChecked();

  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toHaveText(`Unsubscribed: ${email} will get no more status emails.`);
  await expect(page.getByRole("button", { name: "Subscribe again with these choices" })).toBeVisible();

  // The confirmation link worked once.
  await page.goto(linkIn(confirmation.text ?? "", "Confirm subscription"));
  await expect(page.getByRole("alert")).toContainText("expired or has already been used");
});

test("answers the same whether or not an address is already subscribed", SERVER_ONLY, async ({ page }) => {
  await asNewClient(page);
  const email = address("twice");
  await subscribe(page, email);
  const fresh = await page.getByRole("status").textContent();
  await page.goto(linkIn((await mailTo(email)).text ?? "", "Confirm subscription"));
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toContainText("You are subscribed");

  await subscribe(page, email);
  await expect(page.getByRole("status")).toHaveText(fresh!);
  // The difference is only in the inbox: the owner gets their manage link.
  const second = await mailTo(email, 2);
  expect(second.subject).toContain("already subscribed");
  await page.goto(linkIn(second.text ?? "", "Unsubscribe"));
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toContainText("will get no more status emails");
});

test("says what is wrong with the form, and slows down a client that keeps sending it", async ({ page }) => {
  await asNewClient(page);
  await subscribe(page, "not an address");
  await expect(page.getByRole("alert")).toHaveText("Some fields are not valid.");
  await expect(page.getByText("Enter an email address such as name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("not an address");

  await page.getByLabel("Email address").fill(address("narrow"));
  await page.getByLabel("Only the regions and components I choose below").check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByText("Choose at least one region or component, or everything.")).toBeVisible();

  // Ten requests per client in ten minutes; this client has used two.
  for (let i = 0; i < 8; i++) await subscribe(page, "still not an address");
  await subscribe(page, address("eleventh"));
  await expect(page.getByRole("alert")).toContainText("Too many subscription requests");
});

test.describe("with JavaScript", () => {
  test.use({ javaScriptEnabled: true });

  test("the same forms work as a single-page app", async ({ page }) => {
    await asNewClient(page);
    const email = address("scripted");
    await subscribe(page, email, { component: "Search", region: "europe-west1.gcp" });
    await expect(page.getByRole("status")).toContainText(`we have sent an email to ${email}`);
    await page.goto(linkIn((await mailTo(email)).text ?? "", "Confirm subscription"));
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await page.getByRole("link", { name: "Manage your subscription" }).click();
    await page.getByRole("group", { name: "Regions" }).getByLabel("us-east-2.aws", { exact: false }).check();
    await page.getByRole("button", { name: "Save choices" }).click();
    await expect(page.getByRole("status")).toHaveText("Your choices are saved.");
    await expect(
      page.getByRole("group", { name: "Regions" }).getByLabel("us-east-2.aws", { exact: false }),
    ).toBeChecked();
    await expect(
      page.getByRole("group", { name: "Regions" }).getByLabel("europe-west1.gcp", { exact: false }),
    ).toBeChecked();
    await page.reload();
    await expect(
      page.getByRole("group", { name: "Regions" }).getByLabel("us-east-2.aws", { exact: false }),
    ).toBeChecked();
  });
  test("/subscribe and the pages its emails link to have no serious or critical accessibility violations", async ({
    page,
  }) => {
    async function check(path: string) {
      await page.goto(path);
      await expect(page.locator("header")).toHaveCount(1);
      await expectNoSeriousViolations(page, path.split("?")[0]);
    }
    await asNewClient(page);
    await check("/subscribe");
    const email = address("axe");
    await subscribe(page, email);
    const confirm = linkIn((await mailTo(email)).text ?? "", "Confirm subscription");
    await check(confirm);
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await page.getByRole("link", { name: "Manage your subscription" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Manage your subscription");
    await check(page.url());
    // Subscribing again mails the owner their links, the unsubscribe page among them.
    await subscribe(page, email);
    await check(linkIn((await mailTo(email, 2)).text ?? "", "Unsubscribe"));
  });
});
