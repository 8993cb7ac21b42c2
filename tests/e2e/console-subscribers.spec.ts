// The subscribers console in a browser: an admin sees counts, searches, reads
// a subscriber's deliveries, unsuppresses and removes (audited) and exports
// CSV; a viewer sees masked addresses, no forms, and the admin's own remove
// request replayed with the viewer's session is a 403. The console opens on
// proposals while any wait. The spec writes its own rows and removes only those.
import { expect, test } from "@playwright/test";
import { parseCsv } from "../support/csv.ts";
import { PEOPLE, SESSION_COOKIE, sessionFor, signInAs } from "./console-session.ts";
import { oneAnnouncement, sql } from "./database.ts";
import { SERVER_ONLY } from "./projects.ts";
import { expectNoSeriousViolations } from "./axe.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

test.describe.configure({ mode: "serial" });

const tag = `e2e-subs-${Date.now()}`;
const email = (name: string) => `${name}-${tag}@example.test`;
const ids: Record<string, string> = {};
let eventId: string;
let proposalId: string;

test.beforeAll(() =>
  oneAnnouncement(async () => {
    const rows: [string, string][] = [
      ["pending", `NULL, NULL, NULL, NULL`],
      ["confirmed", `now() - interval '3 days', NULL, NULL, NULL`],
      ["unsubscribed", `now() - interval '3 days', now() - interval '1 day', NULL, NULL`],
      ["suppressed", `now() - interval '3 days', NULL, now() - interval '1 day', '550 5.1.1 mailbox unavailable'`],
    ];
    for (const [state, values] of rows) {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO "Subscriber" (id, email, "scopeAll", "confirmedAt", "unsubscribedAt", "suppressedAt", "suppressReason", "updatedAt")
         VALUES ($1, $2, true, ${values}, now()) RETURNING id`,
        [`${tag}-${state}`, email(state)],
      );
      ids[state] = row!.id;
    }
    [{ id: eventId }] = (await sql<{ id: string }>(
      `INSERT INTO "NotificationEvent" (id, kind, payload, "dedupeKey", "fannedOutAt")
       VALUES ($1, 'incident_updated', '{"title":"E2E subscribers event","path":"/","status":"identified","impact":"minor","message":"m","affected":[],"at":"2026-12-01T00:00:00.000Z"}', $1, now())
       RETURNING id`,
      [`${tag}-event`],
    )) as [{ id: string }];
    for (const [subscriber, state] of [
      ["confirmed", "sent"],
      ["suppressed", "suppressed"],
      ["unsubscribed", "failed"],
    ] as const)
      await sql(
        `INSERT INTO "Notification" (id, "eventId", "subscriberId", state, attempts, "lastError") VALUES ($1, $2, $3, $4::"NotificationState", 1, $5)`,
        [
          `${tag}-n-${subscriber}`,
          eventId,
          ids[subscriber],
          state,
          state === "sent" ? null : "550 mailbox unavailable",
        ],
      );
    [{ id: proposalId }] = (await sql<{ id: string }>(
      `INSERT INTO "Incident" (id, title, priority, impact, status, source, review, "startedAt", "detectedAt", "updatedAt")
       VALUES ($1, 'E2E subscribers proposal', 'P3', 'minor', 'investigating', 'detected', 'proposed', now(), now(), now()) RETURNING id`,
      [`${tag}-proposal`],
    )) as [{ id: string }];
  }),
);

test.afterAll(() =>
  oneAnnouncement(async () => {
    await sql(`DELETE FROM "Subscriber" WHERE email LIKE $1`, [`%-${tag}@example.test`]);
    await sql(`DELETE FROM "NotificationEvent" WHERE id = $1`, [eventId]);
    await sql(`DELETE FROM "Incident" WHERE id = $1`, [proposalId]);
  }),
);

test("an admin finds a subscriber, reads their deliveries, unsuppresses and removes, audited", async ({
  page,
  context,
  baseURL,
}) => {
  await signInAs(context, baseURL!, PEOPLE.admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Subscribers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Subscribers" })).toBeVisible();
  for (const state of ["pending", "confirmed", "unsubscribed", "suppressed"])
    await expect(page.getByTestId("counts-by-state").locator(`[data-state="${state}"] dd`)).toHaveText(/^[1-9]\d*$/);

  await page.getByLabel("Search by address").fill(tag);
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.getByTestId("subscribers");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  const suppressed = table.locator(`tr[data-subscriber="${ids.suppressed}"]`);
  await expect(suppressed).toContainText(email("suppressed"));
  await expect(suppressed).toContainText("Suppressed (bounced)");
  await expect(suppressed).toContainText("0 sent · 0 failed · 1 bounced");
  await expect(table.locator(`tr[data-subscriber="${ids.confirmed}"]`)).toContainText("1 sent");

  await suppressed.getByRole("link", { name: email("suppressed") }).click();
  await expect(page.getByRole("heading", { level: 1, name: email("suppressed") })).toBeVisible();
  await expect(page.getByTestId("deliveries")).toContainText("E2E subscribers event");
  await expect(page.getByTestId("deliveries")).toContainText("Bounced (suppressed)");
  await page.getByRole("button", { name: `Unsuppress ${email("suppressed")}` }).click();
  await expect(page.getByText("No longer suppressed")).toBeVisible();
  await expect
    .poll(
      async () =>
        (await sql(`SELECT 1 FROM "Subscriber" WHERE id = $1 AND "suppressedAt" IS NULL`, [ids.suppressed])).length,
    )
    .toBe(1);

  await page.goto(`/admin/subscribers?q=${tag}`);
  await table
    .locator(`tr[data-subscriber="${ids.pending}"]`)
    .getByRole("button", { name: /^Remove/ })
    .click();
  await expect(page.getByRole("status")).toContainText("Subscriber removed");
  await expect(page).toHaveURL(/\/admin\/subscribers\?removed=1$/);
  expect(await sql(`SELECT 1 FROM "Subscriber" WHERE id = $1`, [ids.pending])).toHaveLength(0);
  const audit = await sql<{ action: string }>(
    `SELECT action FROM "AuditEntry" WHERE "entityId" = ANY($1) ORDER BY at`,
    [[ids.suppressed, ids.pending]],
  );
  expect(audit.map((a) => a.action)).toEqual(["subscriber.unsuppress", "subscriber.remove"]);
});

test("a viewer sees masked addresses and no forms, and a replayed remove is a 403 that changes nothing", async ({
  browser,
  page,
  context,
  baseURL,
}) => {
  // The admin's real remove request, captured before it leaves the browser.
  const admin = await browser.newContext({ baseURL });
  await signInAs(admin, baseURL!, PEOPLE.admin);
  const adminPage = await admin.newPage();
  await adminPage.goto(`/admin/subscribers?q=${tag}`);
  let captured: { headers: Record<string, string>; body: Buffer } | null = null;
  await adminPage.route("**/admin/subscribers*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { headers: request.headers(), body: request.postDataBuffer()! };
    await route.abort();
  });
  await adminPage
    .locator(`tr[data-subscriber="${ids.confirmed}"]`)
    .getByRole("button", { name: /^Remove/ })
    .click();
  await expect.poll(() => captured).not.toBeNull();
  await admin.close();

  await signInAs(context, baseURL!, PEOPLE.viewer);
  await page.goto("/admin/subscribers");
  await expect(page.getByText("Addresses are masked for your role.")).toBeVisible();
  await expect(page.getByLabel("Search by address")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await page.goto(`/admin/subscribers/${ids.confirmed}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("c•••@e•••.test");
  await expect(page.locator("main")).not.toContainText(tag);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

  const { cookie: _adminCookie, ...headers } = captured!.headers;
  const response = await page.request.post(`/admin/subscribers?q=${tag}`, {
    headers: { ...headers, cookie: `${SESSION_COOKIE}=${await sessionFor(PEOPLE.viewer)}` },
    data: captured!.body,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await sql(`SELECT 1 FROM "Subscriber" WHERE id = $1`, [ids.confirmed])).toHaveLength(1);
});

test(
  "the CSV export needs a session, is RFC 4180, and masks addresses for viewers",
  SERVER_ONLY,
  async ({ request }) => {
    expect((await request.get("/api/admin/subscribers/export")).status()).toBe(401);
    const as = async (who: string) => {
      const response = await request.get("/api/admin/subscribers/export", {
        headers: { cookie: `${SESSION_COOKIE}=${await sessionFor(who)}` },
      });
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/csv");
      const rows = parseCsv(await response.text());
      const address = rows[0]!.indexOf("address");
      return rows.find((r) => r[0] === ids.confirmed)![address];
    };
    expect(await as(PEOPLE.admin)).toBe(email("confirmed"));
    expect(await as(PEOPLE.viewer)).toBe("c•••@e•••.test");
  },
);

test("the console opens on proposals while any wait, and says how many in the navigation", async ({
  page,
  context,
  baseURL,
}) => {
  await signInAs(context, baseURL!, PEOPLE.engineer);
  await page.goto("/admin/incidents");
  await expect(
    page.getByRole("navigation", { name: "Incident lists" }).getByRole("link", { name: /Proposed/ }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "E2E subscribers proposal" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" }).getByTestId("nav-waiting")).toHaveText(
    /^[1-9]\d* proposals? waits?$/,
  );
});

for (const who of [PEOPLE.admin, PEOPLE.viewer]) {
  test(`the subscribers pages have no serious accessibility violations, light and dark (${who})`, async ({
    page,
    context,
    baseURL,
  }) => {
    await signInAs(context, baseURL!, who);
    const paths = ["/admin/subscribers", `/admin/subscribers/${ids.confirmed}`];
    if (who === PEOPLE.admin) paths.push("/admin/subscribers/webhooks/new");
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page, path);
      await expectNoSeriousViolations(page, path);
    }
  });
}
