// The measured impact of an incident (Postmortem.impactReport): per affected
// ComponentRegion the minutes in each confirmed status, the failed-check share
// per vantage, p95 latency during vs the week before; and the contracts it
// charged (impact-contracts.ts, through lib/domain/sla.ts).
import type { Prisma } from "../db.ts";
import { HISTOGRAM_SIZE, percentile } from "../domain/latency-histogram.ts";
import { highestTier } from "../domain/priority.ts";
import { statusDurations, type TimeWindow } from "../domain/uptime.ts";
import { componentRegionSelect } from "../incidents/get-incident.ts";
import { contractsCharged } from "./impact-contracts.ts";
import { probeHistory } from "./probe-history.ts";
import type { ImpactComponentRegion, ImpactReport, MinutesByStatus, VantageFailures } from "./types.ts";

type Tx = Prisma.TransactionClient;

const WEEK_MS = 7 * 86_400_000;
const toMinutes = (ms: number) => Math.round(ms / 6_000) / 10;
const ts = (d: Date) => d.toISOString();

async function maintenanceWindows(tx: Tx, componentRegionId: string, window: TimeWindow): Promise<TimeWindow[]> {
  const rows = await tx.maintenance.findMany({
    where: {
      status: { in: ["in_progress", "verifying", "completed"] },
      componentRegions: { some: { componentRegionId } },
    },
    select: { startedAt: true, scheduledStart: true, completedAt: true },
  });
  return rows
    .map((m) => ({ from: m.startedAt ?? m.scheduledStart, to: m.completedAt ?? window.to }))
    .filter((m) => m.from < window.to && m.to > window.from);
}

async function minutesByStatus(tx: Tx, componentRegionId: string, window: TimeWindow): Promise<MinutesByStatus> {
  const [{ initial, history }, maintenance] = await Promise.all([
    probeHistory(tx, componentRegionId, window),
    maintenanceWindows(tx, componentRegionId, window),
  ]);
  const d = statusDurations(history, window, maintenance, initial);
  return {
    operational: toMinutes(d.ms.operational),
    degraded_performance: toMinutes(d.ms.degraded_performance),
    partial_outage: toMinutes(d.ms.partial_outage),
    major_outage: toMinutes(d.ms.major_outage),
    under_maintenance: toMinutes(d.maintenanceMs),
    unknown: toMinutes(d.unknownMs),
  };
}

type CountRow = { vantage: string; checks: number; failed: number; degraded: number };

async function checkFailures(
  tx: Tx,
  componentRegionId: string,
  window: TimeWindow,
): Promise<{ from: ImpactComponentRegion["checksFrom"]; vantages: VantageFailures[] }> {
  const raw = await tx.$queryRaw<CountRow[]>`
    SELECT coalesce(g.key, r."vantageRegionId") AS vantage, count(*)::int AS checks,
           (count(*) FILTER (WHERE r.outcome <> 'up'))::int AS failed, (count(*) FILTER (WHERE r.outcome = 'degraded'))::int AS degraded
      FROM "CheckResult" r LEFT JOIN "Region" g ON g.id = r."vantageRegionId"
     WHERE r."componentRegionId" = ${componentRegionId} AND r."checkedAt" >= ${ts(window.from)}::timestamp(3) AND r."checkedAt" < ${ts(window.to)}::timestamp(3)
     GROUP BY 1 ORDER BY 1`;
  const share = (row: CountRow): VantageFailures => ({
    ...row,
    failedShare: row.checks > 0 ? row.failed / row.checks : null,
  });
  if (raw.length > 0) return { from: "raw", vantages: raw.map(share) };
  // Raw results past retention: minute rollups keep the counts, not the vantage.
  const rolled = await tx.$queryRaw<CountRow[]>`
    SELECT 'all' AS vantage, coalesce(sum("upCount" + "degradedCount" + "downCount"), 0)::int AS checks,
           coalesce(sum("degradedCount" + "downCount"), 0)::int AS failed, coalesce(sum("degradedCount"), 0)::int AS degraded
      FROM "RollupMinute"
     WHERE "componentRegionId" = ${componentRegionId} AND "bucketStart" >= ${ts(window.from)}::timestamp(3) AND "bucketStart" < ${ts(window.to)}::timestamp(3)`;
  const total = rolled[0];
  return total && total.checks > 0 ? { from: "rollups", vantages: [share(total)] } : { from: "none", vantages: [] };
}

const BUCKET_SUMS = Array.from(
  { length: HISTOGRAM_SIZE },
  (_, i) => `coalesce(sum("latencyHistogram"[${i + 1}]), 0)::int AS h${i}`,
).join(", ");
type HistogramRow = { minMs: number | null; maxMs: number | null } & Record<`h${number}`, number>;

async function p95(
  tx: Tx,
  table: "RollupMinute" | "RollupHour",
  componentRegionId: string,
  window: TimeWindow,
): Promise<number | null> {
  const rows = await tx.$queryRawUnsafe<HistogramRow[]>(
    `SELECT min("latencyMinMs") AS "minMs", max("latencyMaxMs") AS "maxMs", ${BUCKET_SUMS} FROM "${table}"
      WHERE "componentRegionId" = $1 AND "bucketStart" >= $2::timestamp(3) AND "bucketStart" < $3::timestamp(3)`,
    componentRegionId,
    ts(window.from),
    ts(window.to),
  );
  const row = rows[0];
  if (!row) return null;
  const histogram = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => row[`h${i}`] ?? 0);
  const value = percentile(histogram, 95, { minMs: row.minMs ?? undefined, maxMs: row.maxMs ?? undefined });
  return value === null ? null : Math.round(value);
}

/** p95 during the incident from minute rollups; the week before from hour rollups (minute ones where hours are not rolled up yet). */
async function latency(
  tx: Tx,
  componentRegionId: string,
  window: TimeWindow,
): Promise<ImpactComponentRegion["latency"]> {
  const before = { from: new Date(window.from.getTime() - WEEK_MS), to: window.from };
  const [during, hourly] = await Promise.all([
    p95(tx, "RollupMinute", componentRegionId, window),
    p95(tx, "RollupHour", componentRegionId, before),
  ]);
  return { p95DuringMs: during, p95WeekBeforeMs: hourly ?? (await p95(tx, "RollupMinute", componentRegionId, before)) };
}

/** Measures [startedAt, resolvedAt ?? now). Null for an unknown incident. */
export async function measureImpact(tx: Tx, incidentId: string, now: Date): Promise<ImpactReport | null> {
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    include: { componentRegions: { include: { componentRegion: { select: componentRegionSelect } } } },
  });
  if (!incident) return null;
  const window: TimeWindow = {
    from: incident.startedAt,
    to: new Date(Math.max(incident.startedAt.getTime(), (incident.resolvedAt ?? now).getTime())),
  };
  const links = [...incident.componentRegions].sort(
    (a, b) =>
      a.componentRegion.component.tier.localeCompare(b.componentRegion.component.tier) ||
      a.componentRegion.component.sortOrder - b.componentRegion.component.sortOrder ||
      a.componentRegion.region.sortOrder - b.componentRegion.region.sortOrder,
  );
  const componentRegions: ImpactComponentRegion[] = [];
  for (const { componentRegion: cr } of links) {
    const [minutes, checks, p] = await Promise.all([
      minutesByStatus(tx, cr.id, window),
      checkFailures(tx, cr.id, window),
      latency(tx, cr.id, window),
    ]);
    componentRegions.push({
      componentRegionId: cr.id,
      componentKey: cr.component.key,
      componentName: cr.component.name,
      regionKey: cr.region.key,
      regionName: cr.region.name,
      tier: cr.component.tier,
      minutes,
      checksFrom: checks.from,
      vantages: checks.vantages,
      latency: p,
    });
  }
  const charged = await contractsCharged(
    tx,
    links.map((l) => l.componentRegionId),
    window,
    now,
  );
  return {
    version: 1,
    measuredAt: ts(now),
    // Wall clock, not `now`: it is compared with Incident.updatedAt, which the database stamps.
    refreshedAt: ts(new Date()),
    window: { from: ts(window.from), to: ts(window.to), ongoing: incident.resolvedAt === null },
    durationMinutes: toMinutes(window.to.getTime() - window.from.getTime()),
    priority: incident.priority,
    impact: incident.impact,
    tier: highestTier(componentRegions.map((cr) => cr.tier)),
    componentRegions,
    ...charged,
  };
}
