import { test } from "@playwright/test";
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
import { expectNoSeriousViolations } from "./axe.ts";
import { oneAnnouncement } from "./database.ts";

// Every public page, in light and dark mode: first as a new installation shows them.
const EMPTY_PAGES = ["/", "/no-such-page", "/history", "/regions/us-central1.gcp", "/components/checkout"];

for (const path of EMPTY_PAGES) {
  test(`${path} has no serious or critical accessibility violations, light and dark`, async ({ page }) => {
    await page.goto(path);
    await expectNoSeriousViolations(page);
  });
}

// Then with everything a page can show: incidents open and past, maintenance, a postmortem, uptime and response times.
test.describe("with incidents, maintenance and history", () => {
  const paths: Record<string, string> = {};

  test.beforeAll(() =>
    oneAnnouncement(async () => {
      const ago = (ms: number) => new Date(Date.now() - ms);
      await setProbeStatus("checkout", "europe-west1.gcp", "operational");
      await setProbeStatus("checkout", "us-central1.gcp", "degraded_performance");
      await addStatusChange("checkout", "us-central1.gcp", ago(80 * DAY), "operational");
      await addStatusChange("checkout", "us-central1.gcp", ago(3 * DAY), "major_outage");
      await addStatusChange("checkout", "us-central1.gcp", ago(3 * DAY - 2 * HOUR), "operational");
      const open = await createIncident({
        title: "Checkout slow in North America",
        status: "monitoring",
        impact: "minor",
        startedAt: ago(HOUR),
        affected: [{ component: "checkout", region: "us-central1.gcp", status: "degraded_performance" }],
        updates: [
          { status: "investigating", message: "Checkout is slow.", at: ago(HOUR) },
          { status: "monitoring", message: "A fix is out; we are watching.", at: ago(10 * MINUTE) },
        ],
      });
      const past = await createIncident({
        title: "Checkout database failure",
        status: "resolved",
        startedAt: ago(3 * DAY),
        resolvedAt: ago(3 * DAY - 2 * HOUR),
        affected: [{ component: "checkout", region: "us-central1.gcp", status: "major_outage" }],
        updates: [{ status: "resolved", message: "Recovered.", at: ago(3 * DAY - 2 * HOUR) }],
      });
      await publishPostmortem(past, { summary: "Two hours without checkout.", rootCause: "A full disk." }, ago(DAY));
      const maintenance = await createMaintenance({
        title: "Search index rebuild",
        status: "scheduled",
        scheduledStart: new Date(Date.now() + DAY),
        scheduledEnd: new Date(Date.now() + DAY + 2 * HOUR),
        affected: [{ component: "search", region: "us-central1.gcp" }],
        updates: [{ status: "scheduled", message: "Planned.", at: ago(HOUR) }],
      });
      await addRollups("checkout", "us-central1.gcp", "RollupMinute", ago(2 * HOUR), 60, MINUTE, [120, 180, 900]);
      Object.assign(paths, {
        home: "/",
        open: `/incidents/${open}`,
        postmortem: `/incidents/${past}`,
        maintenance: `/maintenance/${maintenance}`,
        history: "/history?region=us-central1.gcp",
        region: "/regions/us-central1.gcp",
        component: "/components/checkout",
      });
    }),
  );
  test.afterAll(removeFixtures);

  for (const page of ["home", "open", "postmortem", "maintenance", "history", "region", "component"]) {
    test(`the ${page} page has no serious or critical accessibility violations, light and dark`, async ({
      page: browser,
    }) => {
      await browser.goto(paths[page]!);
      // Open every disclosure, so that what it hides is checked too.
      await browser.locator("details").evaluateAll((all) => {
        for (const d of all) (d as HTMLDetailsElement).open = true;
      });
      await expectNoSeriousViolations(browser);
    });
  }
});
