// The demo's burn-rate alerts: the worker's own evaluation replayed over the
// history's checkout database failure (lib/seed/seed-history.ts), minute rollups
// and all, so the error-budget page shows the pages and tickets it raised with
// their real evidence, resolved when the windows cooled down. Idempotent: once
// that component-region has an alert, nothing is replayed.
import type { Db } from "../db.ts";
import { evaluateBurnAlerts } from "../slo/evaluate-burn-alerts.ts";
import { DEMO_INCIDENTS } from "./demo-incidents.ts";

const MINUTE = 60_000;
const STORY = "checkout-database-failure";
/** Fine steps while the short windows matter, coarse ones while the long windows drain. */
const FINE_STEP = 5 * MINUTE;
const COARSE_STEP = 30 * MINUTE;
const FINE_AFTER_END = 7 * 60 * MINUTE;

export async function seedDemoBurnAlerts(db: Db, now: Date): Promise<number> {
  const changes = await db.statusChange.findMany({
    where: { source: "probes", evidence: { path: ["incident"], equals: STORY } },
    orderBy: { at: "asc" },
    select: { componentRegionId: true, at: true },
  });
  if (changes.length === 0) return 0;
  const componentRegionIds = [...new Set(changes.map((c) => c.componentRegionId))];
  if (
    await db.burnRateAlert.findFirst({ where: { componentRegionId: { in: componentRegionIds } }, select: { id: true } })
  )
    return 0;
  // The demo's on-call engineer wants these emails; set once, with the replay, so a later opt-out stays.
  await db.user.updateMany({
    where: { email: "engineer@bellwether.test", role: "ENGINEER" },
    data: { burnAlertEmails: true },
  });
  const start = changes[0]!.at.getTime();
  const end = changes.at(-1)!.at.getTime();
  const options = { componentRegionIds, propose: false, notify: false };
  let fired = 0;
  for (let t = start - FINE_STEP; t < now.getTime(); t += t < end + FINE_AFTER_END ? FINE_STEP : COARSE_STEP) {
    const summary = await evaluateBurnAlerts(db, new Date(t), options);
    fired += summary.fired.length;
    if (t > end + FINE_AFTER_END && fired > 0) {
      const open = await db.burnRateAlert.count({
        where: { componentRegionId: { in: componentRegionIds }, resolvedAt: null },
      });
      if (open === 0) break;
    }
  }
  const story = DEMO_INCIDENTS.find((s) => s.historyKey === STORY);
  if (story && (await db.incident.findUnique({ where: { id: story.id }, select: { id: true } })))
    await db.burnRateAlert.updateMany({
      where: { componentRegionId: { in: componentRegionIds }, severity: "page" },
      data: { incidentId: story.id },
    });
  return fired;
}
