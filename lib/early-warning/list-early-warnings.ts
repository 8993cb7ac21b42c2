// The console's early warnings: every open one, then those cleared in the
// last week; tier 1 first, newest first within each. The evidence JSON is
// read through a schema, so a chart never draws from a malformed row.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { EarlyWarningEvidence } from "../domain/early-warning.ts";
import type { EarlyWarningMetricName } from "../domain/seasonal-baseline.ts";
import type { Tier } from "../generated/prisma/enums.ts";

/** Cleared warnings stay on the page this long. */
export const RECENT_EARLY_WARNING_DAYS = 7;
const RECENT_LIMIT = 30;

const timed = z.object({ at: z.number(), value: z.number() });
const evidenceSchema = z.object({
  metric: z.enum(["latency_p95", "error_ratio"]),
  threshold: z.number(),
  points: z.array(
    z.object({
      at: z.number(),
      value: z.number().nullable(),
      expected: z.number().nullable(),
      upper: z.number().nullable(),
    }),
  ),
  forecast: z.object({ from: timed, to: timed }).nullable(),
}) satisfies z.ZodType<EarlyWarningEvidence>;

export interface ConsoleEarlyWarning {
  id: string;
  metric: EarlyWarningMetricName;
  componentName: string;
  regionName: string;
  tier: Tier;
  raisedAt: Date;
  clearedAt: Date | null;
  observed: number;
  baseline: number;
  spread: number;
  threshold: number;
  forecastCrossAt: Date | null;
  evidence: EarlyWarningEvidence | null;
}

export async function listEarlyWarnings(db: Db, now: Date): Promise<ConsoleEarlyWarning[]> {
  const since = new Date(now.getTime() - RECENT_EARLY_WARNING_DAYS * 86_400_000);
  const select = {
    id: true,
    metric: true,
    raisedAt: true,
    clearedAt: true,
    observed: true,
    baseline: true,
    spread: true,
    threshold: true,
    forecastCrossAt: true,
    evidence: true,
    componentRegion: {
      select: { component: { select: { name: true, tier: true } }, region: { select: { name: true } } },
    },
  } as const;
  const [open, recent] = await Promise.all([
    db.earlyWarning.findMany({ where: { openKey: { not: null } }, select, orderBy: { raisedAt: "desc" } }),
    db.earlyWarning.findMany({
      where: { openKey: null, clearedAt: { gte: since } },
      select,
      orderBy: { clearedAt: "desc" },
      take: RECENT_LIMIT,
    }),
  ]);
  const tierFirst = (a: { componentRegion: { component: { tier: Tier } } }, b: typeof a) =>
    a.componentRegion.component.tier === b.componentRegion.component.tier
      ? 0
      : a.componentRegion.component.tier === "TIER_1"
        ? -1
        : 1;
  return [...open.sort(tierFirst), ...recent.sort(tierFirst)].map(({ componentRegion, evidence, ...w }) => {
    const parsed = evidenceSchema.safeParse(evidence);
    return {
      ...w,
      componentName: componentRegion.component.name,
      regionName: componentRegion.region.name,
      tier: componentRegion.component.tier,
      evidence: parsed.success ? parsed.data : null,
    };
  });
}
