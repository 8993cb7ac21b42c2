// Seasonal early warning, run by the monitoring worker once a minute: each
// ComponentRegion's 5-minute windows from the minute rollups, its baseline
// from the hour rollups of the same time in earlier weeks, and the verdict of
// lib/domain/early-warning.ts turned into EarlyWarning rows — raised, kept
// up to date while open, cleared when the metric is back within its band.
// Never public. An advisory lock lets one replica do it at a time.
import type { Db, Prisma } from "../db.ts";
import {
  assessEarlyWarning,
  earlyWarningOpenKey,
  type EarlyWarningAssessment,
  pageBurnErrorRatio,
  REFERENCE_FROM_MINUTES,
  type WindowPoint,
} from "../domain/early-warning.ts";
import {
  baselineHourRanges,
  type CheckBucket,
  type EarlyWarningMetricName,
  hourNumber,
  latencyP95,
  bucketErrorRatio,
  MINUTE_MS,
  seasonalBaseline,
  slidingWindows,
  WINDOW_MINUTES,
} from "../domain/seasonal-baseline.ts";
import { sloTargetPercent } from "../domain/slo.ts";

const EARLY_WARNING_LOCK = 7_310_013;
/** Results of a minute may reach ingest this long after it ended; its rollup is read after that. */
export const LATE_RESULTS_MS = 20_000;
export const EARLY_WARNING_METRICS: readonly EarlyWarningMetricName[] = ["latency_p95", "error_ratio"];

export interface EarlyWarningSummary {
  /** The end of the windows evaluated, or null when another replica held the lock. */
  evaluatedAt: Date | null;
  raised: string[];
  cleared: string[];
}

/** The end of the last window whose minutes are complete at `now`. */
export function lastCompleteMinute(now: Date): number {
  return Math.floor((now.getTime() - LATE_RESULTS_MS) / MINUTE_MS) * MINUTE_MS;
}

const bucketSelect = {
  componentRegionId: true,
  bucketStart: true,
  upCount: true,
  degradedCount: true,
  downCount: true,
  latencyHistogram: true,
} satisfies Prisma.RollupMinuteSelect;

export async function evaluateEarlyWarnings(db: Db, now: Date): Promise<EarlyWarningSummary> {
  const end = lastCompleteMinute(now);
  const from = end - (REFERENCE_FROM_MINUTES + WINDOW_MINUTES + 1) * MINUTE_MS;
  const [componentRegions, minuteRows, hourRows, open] = await Promise.all([
    db.componentRegion.findMany({
      select: {
        id: true,
        component: { select: { tier: true, sloTargetPercent: true } },
        probes: { where: { enabled: true }, select: { degradedAboveMs: true } },
      },
    }),
    db.rollupMinute.findMany({
      where: { bucketStart: { gte: new Date(from), lt: new Date(end) } },
      select: bucketSelect,
    }),
    db.rollupHour.findMany({
      where: {
        OR: baselineHourRanges(from, end).map((r) => ({ bucketStart: { gte: new Date(r.from), lt: new Date(r.to) } })),
      },
      select: bucketSelect,
    }),
    db.earlyWarning.findMany({ where: { openKey: { not: null } }, select: { id: true, openKey: true } }),
  ]);

  const minutes = groupBy(minuteRows, (row) => row.bucketStart.getTime());
  const hours = groupBy(hourRows, (row) => hourNumber(row.bucketStart.getTime()));
  const openByKey = new Map(open.map((w) => [w.openKey!, w.id]));
  const verdicts: { componentRegionId: string; metric: EarlyWarningMetricName; assessment: EarlyWarningAssessment }[] =
    [];
  for (const cr of componentRegions) {
    const degradedAboveMs = Math.min(...cr.probes.map((p) => p.degradedAboveMs));
    if (!Number.isFinite(degradedAboveMs)) continue;
    const windows = slidingWindows(minutes.get(cr.id) ?? new Map(), from + WINDOW_MINUTES * MINUTE_MS, end);
    const hourRollups = hours.get(cr.id) ?? new Map<number, CheckBucket>();
    const slo = sloTargetPercent(
      cr.component.tier,
      cr.component.sloTargetPercent === null ? null : Number(cr.component.sloTargetPercent),
    );
    for (const metric of EARLY_WARNING_METRICS) {
      const hourly = new Map(
        [...hourRollups].map(([hour, b]) => [hour, metric === "latency_p95" ? latencyP95(b) : bucketErrorRatio(b)]),
      );
      const points: WindowPoint[] = windows.map((w) => ({
        at: w.at,
        value: metric === "latency_p95" ? w.latencyP95 : w.errorRatio,
        checks: w.checks,
        baseline: seasonalBaseline(hourly, w.at - (WINDOW_MINUTES * MINUTE_MS) / 2),
      }));
      const assessment = assessEarlyWarning({
        metric,
        points,
        threshold: metric === "latency_p95" ? degradedAboveMs : pageBurnErrorRatio(slo),
        open: openByKey.has(earlyWarningOpenKey(cr.id, metric)),
      });
      if (assessment && (assessment.verdict !== "hold" || openByKey.has(earlyWarningOpenKey(cr.id, metric))))
        verdicts.push({ componentRegionId: cr.id, metric, assessment });
    }
  }
  return record(db, now, end, verdicts, openByKey);
}

/** Every change in one transaction, under the lock, so two replicas never raise the same warning twice. */
async function record(
  db: Db,
  now: Date,
  end: number,
  verdicts: { componentRegionId: string; metric: EarlyWarningMetricName; assessment: EarlyWarningAssessment }[],
  openByKey: ReadonlyMap<string, string>,
): Promise<EarlyWarningSummary> {
  return db.$transaction(async (tx) => {
    const summary: EarlyWarningSummary = { evaluatedAt: new Date(end), raised: [], cleared: [] };
    const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(${EARLY_WARNING_LOCK}) AS locked`,
    );
    if (!lock?.locked) return { ...summary, evaluatedAt: null };
    for (const { componentRegionId, metric, assessment: a } of verdicts) {
      const openKey = earlyWarningOpenKey(componentRegionId, metric);
      const figures = {
        observed: a.observed ?? 0,
        baseline: a.expected ?? 0,
        spread: a.spread ?? 0,
        forecastCrossAt: a.forecastCrossAt === null ? null : new Date(a.forecastCrossAt),
        evidence: a.evidence as unknown as Prisma.InputJsonValue,
      };
      const openId = openByKey.get(openKey);
      if (a.verdict === "raise") {
        // A replica that raced us here raised it already: the unique openKey keeps one.
        const created = await tx.earlyWarning.createMany({
          data: [{ componentRegionId, metric, raisedAt: now, threshold: a.evidence!.threshold, openKey, ...figures }],
          skipDuplicates: true,
        });
        if (created.count > 0) summary.raised.push(openKey);
      } else if (openId && a.verdict === "clear") {
        // The figures and chart stay as last seen above the band: the rise and the forecast people acted on.
        await tx.earlyWarning.update({ where: { id: openId }, data: { clearedAt: now, openKey: null } });
        summary.cleared.push(openKey);
      } else if (openId && a.observed !== null && a.upper !== null && a.observed > a.upper) {
        // Kept current while above the band; on the way back the last such picture stays.
        await tx.earlyWarning.update({ where: { id: openId }, data: figures });
      }
    }
    return summary;
  });
}

function groupBy<Row extends { componentRegionId: string }>(
  rows: readonly Row[],
  key: (row: Row) => number,
): Map<string, Map<number, Row>> {
  const out = new Map<string, Map<number, Row>>();
  for (const row of rows) {
    const inner = out.get(row.componentRegionId) ?? new Map<number, Row>();
    inner.set(key(row), row);
    out.set(row.componentRegionId, inner);
  }
  return out;
}

const lastEvaluatedMinute = new WeakMap<Db, number>();

/** For the worker's 2-second tick: evaluates once per completed minute (again at once if the clock went back). */
export async function evaluateEarlyWarningsIfDue(db: Db, now: Date): Promise<EarlyWarningSummary | null> {
  const end = lastCompleteMinute(now);
  if (end === lastEvaluatedMinute.get(db)) return null;
  lastEvaluatedMinute.set(db, end);
  return evaluateEarlyWarnings(db, now);
}
