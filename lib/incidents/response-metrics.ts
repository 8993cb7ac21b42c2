// Response metrics for a month (UTC): time to detect, acknowledge and resolve
// for each public incident that started in it, with median and mean by tier
// and by priority. Dismissed proposals were never incidents and do not count.
import { z } from "zod";
import type { Db } from "../db.ts";
import {
  aggregateResponse,
  type ResponseAggregate,
  type ResponseTimes,
  responseTimes,
} from "../domain/response-metrics.ts";
import { highestTier, PRIORITIES } from "../domain/priority.ts";
import { monthWindow } from "../domain/uptime.ts";
import type { IncidentSource, Priority, Tier } from "../generated/prisma/enums.ts";
import { parseInput } from "../parse-input.ts";

export const responseMetricsInput = z.object({
  month: z.string().refine((m) => {
    try {
      monthWindow(m);
      return true;
    } catch {
      return false;
    }
  }, "Choose a month as YYYY-MM."),
});
export type ResponseMetricsInput = z.input<typeof responseMetricsInput>;

export interface IncidentResponse extends ResponseTimes {
  incidentId: string;
  title: string;
  tier: Tier;
  priority: Priority;
  source: IncidentSource;
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export interface ResponseMetrics {
  month: string;
  from: Date;
  to: Date;
  /** Oldest first. */
  incidents: IncidentResponse[];
  overall: ResponseAggregate;
  byTier: Record<Tier, ResponseAggregate>;
  byPriority: Record<Priority, ResponseAggregate>;
}

export async function responseMetrics(db: Db, input: ResponseMetricsInput): Promise<ResponseMetrics> {
  const { month } = parseInput(responseMetricsInput, input);
  const { from, to } = monthWindow(month);
  const rows = await db.incident.findMany({
    where: { review: "approved", startedAt: { gte: from, lt: to } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      priority: true,
      source: true,
      startedAt: true,
      detectedAt: true,
      acknowledgedAt: true,
      resolvedAt: true,
      componentRegions: { select: { componentRegion: { select: { component: { select: { tier: true } } } } } },
    },
  });
  const incidents = rows.map(
    (row): IncidentResponse => ({
      incidentId: row.id,
      title: row.title,
      tier: highestTier(row.componentRegions.map((l) => l.componentRegion.component.tier)),
      priority: row.priority,
      source: row.source,
      startedAt: row.startedAt,
      detectedAt: row.detectedAt,
      acknowledgedAt: row.acknowledgedAt,
      resolvedAt: row.resolvedAt,
      ...responseTimes(row),
    }),
  );
  const of = (keep: (i: IncidentResponse) => boolean) => aggregateResponse(incidents.filter(keep));
  return {
    month,
    from,
    to,
    incidents,
    overall: of(() => true),
    byTier: { TIER_1: of((i) => i.tier === "TIER_1"), TIER_2: of((i) => i.tier === "TIER_2") },
    byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, of((i) => i.priority === p)])) as Record<
      Priority,
      ResponseAggregate
    >,
  };
}
