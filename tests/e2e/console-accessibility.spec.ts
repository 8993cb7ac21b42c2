// Every console page, signed in as the person who uses it, in light and dark
// mode: no serious or critical accessibility violations.
import { expect, test } from "@playwright/test";
import { oneAnnouncement, sql } from "./database.ts";
import { addAffected } from "./public-site-fixtures.ts";
import { PEOPLE, signInAs } from "./console-session.ts";
import { expectNoSeriousViolations } from "./axe.ts";

let incidentId: string;
let maintenanceId: string;

test.beforeAll(() =>
  oneAnnouncement(async () => {
    [{ id: incidentId }] = (await sql<{ id: string }>(
      `INSERT INTO "Incident" (id, title, priority, impact, status, source, review, evidence, "startedAt", "detectedAt", "updatedAt")
       VALUES ('e2e-a11y-' || md5(random()::text), 'E2E Checkout failing in Iowa', 'P2', 'major', 'investigating', 'detected', 'proposed',
               '{"componentRegions":[],"sampleErrors":["HTTP 503 from checkout"]}', now(), now(), now()) RETURNING id`,
    )) as [{ id: string }];
    await addAffected(incidentId, "checkout", "us-central1.gcp", "major_outage");
    [{ id: maintenanceId }] = (await sql<{ id: string }>(
      `INSERT INTO "Maintenance" (id, title, "scheduledStart", "scheduledEnd", "updatedAt")
       VALUES ('e2e-a11y-' || md5(random()::text), 'E2E Database upgrade', now() + interval '2 days', now() + interval '2 days 1 hour', now()) RETURNING id`,
    )) as [{ id: string }];
  }),
);

test.afterAll(() =>
  oneAnnouncement(async () => {
    await sql(`DELETE FROM "Incident" WHERE id = $1`, [incidentId]);
    await sql(`DELETE FROM "Maintenance" WHERE id = $1`, [maintenanceId]);
  }),
);

const PAGES: [string, string | null][] = [
  ["/admin/sign-in", null],
  ["/admin/sign-in/check-email?email=eli%40example.com", null],
  ["/admin/mailbox", null],
  ["/admin/incidents?state=proposed", PEOPLE.engineer],
  ["/admin/incidents/new", PEOPLE.engineer],
  ["/admin/incidents/:incident", PEOPLE.engineer],
  ["/admin/maintenance", PEOPLE.engineer],
  ["/admin/maintenance/new", PEOPLE.engineer],
  ["/admin/maintenance/:maintenance", PEOPLE.engineer],
  ["/admin/metrics", PEOPLE.viewer],
  ["/admin/users", PEOPLE.admin],
  ["/admin/audit", PEOPLE.admin],
];

for (const [path, who] of PAGES) {
  test(`${path} has no serious or critical accessibility violations, light and dark`, async ({
    page,
    context,
    baseURL,
  }) => {
    if (who) await signInAs(context, baseURL!, who);
    await page.goto(path.replace(":incident", incidentId).replace(":maintenance", maintenanceId));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
}
