// The demo's past early warning: two days ago a deploy made Search in
// europe-west1 slower by 40 ms every minute until it was rolled back 14
// minutes in. Its windows are the seeded history's own seasonal baseline plus
// that creep, run minute by minute through the worker's rule, so the console
// shows the warning, its chart and its forecast as the worker would have
// recorded them. Idempotent: nothing is written once any warning exists.
import type { Db, Prisma } from "../db.ts";
import {
  assessEarlyWarning,
  type EarlyWarningAssessment,
  REFERENCE_FROM_MINUTES,
  type WindowPoint,
} from "../domain/early-warning.ts";
import {
  baselineHourRanges,
  hourNumber,
  latencyP95,
  MINUTE_MS,
  seasonalBaseline,
  WINDOW_MINUTES,
} from "../domain/seasonal-baseline.ts";
import { LATE_RESULTS_MS } from "../early-warning/evaluate-early-warnings.ts";
import { seededRandom } from "./history-plan.ts";

const DAY_MS = 86_400_000;
const CREEP_MS_PER_MINUTE = 40;
const ROLLED_BACK_AFTER_MINUTES = 14;

export async function seedDemoEarlyWarning(db: Db, now: Date): Promise<boolean> {
  if (await db.earlyWarning.findFirst({ select: { id: true } })) return false;
  const cr = await db.componentRegion.findFirst({
    where: { component: { key: "search" }, region: { key: "europe-west1.gcp" } },
    select: { id: true, probes: { where: { enabled: true }, select: { degradedAboveMs: true } } },
  });
  const threshold = Math.min(...(cr?.probes.map((p) => p.degradedAboveMs) ?? []));
  if (!cr || !Number.isFinite(threshold)) return false;

  // 14:30 UTC two days ago: a weekday afternoon's baseline most weeks.
  const start = Math.floor((now.getTime() - 2 * DAY_MS) / DAY_MS) * DAY_MS + 14.5 * 3_600_000;
  const first = start - (REFERENCE_FROM_MINUTES + 10) * MINUTE_MS;
  const last = start + 40 * MINUTE_MS;
  const hours = await db.rollupHour.findMany({
    where: {
      componentRegionId: cr.id,
      OR: baselineHourRanges(first, last).map((r) => ({ bucketStart: { gte: new Date(r.from), lt: new Date(r.to) } })),
    },
    select: { bucketStart: true, latencyHistogram: true },
  });
  const hourly = new Map(hours.map((h) => [hourNumber(h.bucketStart.getTime()), latencyP95(h)]));

  const random = seededRandom(start / MINUTE_MS);
  const creep = (minute: number) => {
    const into = (minute - start) / MINUTE_MS;
    return into >= 0 && into < ROLLED_BACK_AFTER_MINUTES ? CREEP_MS_PER_MINUTE * (into + 1) : 0;
  };
  const points: WindowPoint[] = [];
  for (let end = first; end <= last; end += MINUTE_MS) {
    const baseline = seasonalBaseline(hourly, end - (WINDOW_MINUTES * MINUTE_MS) / 2);
    if (!baseline) return false;
    // A window's p95 is near its slowest minute's.
    let slowest = 0;
    for (let m = end - WINDOW_MINUTES * MINUTE_MS; m < end; m += MINUTE_MS) slowest = Math.max(slowest, creep(m));
    points.push({ at: end, value: baseline.median * (0.96 + 0.08 * random()) + slowest, checks: 100, baseline });
  }

  let raised: { at: number; assessment: EarlyWarningAssessment } | null = null;
  let latest: EarlyWarningAssessment | null = null;
  for (let i = REFERENCE_FROM_MINUTES + 1; i < points.length; i++) {
    const a = assessEarlyWarning({
      metric: "latency_p95",
      points: points.slice(i - REFERENCE_FROM_MINUTES, i + 1),
      threshold,
      open: raised !== null,
    });
    const at = points[i]!.at + LATE_RESULTS_MS;
    if (!a) continue;
    if (!raised && a.verdict === "raise") {
      raised = { at, assessment: a };
      latest = a;
    } else if (raised && a.verdict === "clear") return write(db, cr.id, threshold, raised.at, at, latest ?? a);
    if (raised && a.observed !== null && a.upper !== null && a.observed > a.upper) latest = a;
  }
  return false;
}

async function write(
  db: Db,
  componentRegionId: string,
  threshold: number,
  raisedAt: number,
  clearedAt: number,
  a: EarlyWarningAssessment,
): Promise<boolean> {
  await db.earlyWarning.create({
    data: {
      componentRegionId,
      metric: "latency_p95",
      raisedAt: new Date(raisedAt),
      clearedAt: new Date(clearedAt),
      observed: a.observed ?? 0,
      baseline: a.expected ?? 0,
      spread: a.spread ?? 0,
      threshold,
      forecastCrossAt: a.forecastCrossAt === null ? null : new Date(a.forecastCrossAt),
      evidence: a.evidence as unknown as Prisma.InputJsonValue,
    },
  });
  return true;
}
