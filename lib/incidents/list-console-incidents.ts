// The console's incident lists: proposals waiting for a decision, open and
// resolved incidents, dismissed proposals. Tier-1 work first, then priority,
// then the newest.
import { z } from "zod";
import type { Db, Prisma } from "../db.ts";
import type { DetectionEvidence } from "../domain/detection.ts";
import { highestTier, sortTierFirst } from "../domain/priority.ts";
import type {
  IncidentImpact,
  IncidentReview,
  IncidentSource,
  IncidentStatus,
  Priority,
  Tier,
} from "../generated/prisma/enums.ts";
import { parseInput } from "../parse-input.ts";
import { type AffectedComponentRegion, componentRegionSelect, isResolveProposed, toAffected } from "./get-incident.ts";
import { OPEN_PUBLIC_INCIDENT } from "./visibility.ts";

export const CONSOLE_INCIDENT_STATES = ["proposed", "open", "resolved", "dismissed", "all"] as const;
export const listConsoleIncidentsInput = z.object({
  state: z.enum(CONSOLE_INCIDENT_STATES).default("open"),
  /** Newest first within the sort; lists are capped. */
  limit: z.number().int().min(1).max(1000).default(200),
});
export type ListConsoleIncidentsInput = z.input<typeof listConsoleIncidentsInput>;

export interface IncidentSummary {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  priority: Priority;
  source: IncidentSource;
  review: IncidentReview;
  tier: Tier;
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  publishedAt: Date | null;
  version: number;
  componentRegions: AffectedComponentRegion[];
  /** Time of the latest update, or null for a proposal nobody has written on. */
  lastUpdateAt: Date | null;
  resolveProposed: boolean;
  /** Evidence summary for proposals: distinct sample errors. */
  sampleErrors: string[];
}

const WHERE: Readonly<Record<(typeof CONSOLE_INCIDENT_STATES)[number], Prisma.IncidentWhereInput>> = {
  proposed: { review: "proposed" },
  open: OPEN_PUBLIC_INCIDENT,
  resolved: { review: "approved", status: "resolved" },
  dismissed: { review: "dismissed" },
  all: {},
};

export async function listConsoleIncidents(db: Db, input: ListConsoleIncidentsInput = {}): Promise<IncidentSummary[]> {
  const { state, limit } = parseInput(listConsoleIncidentsInput, input);
  const rows = await db.incident.findMany({
    where: WHERE[state],
    orderBy: { startedAt: "desc" },
    take: limit,
    include: {
      componentRegions: { include: { componentRegion: { select: componentRegionSelect } } },
      updates: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  return sortTierFirst(
    rows.map((row): IncidentSummary => {
      const componentRegions = row.componentRegions.map((l) => toAffected(l.componentRegion, l.status));
      return {
        id: row.id,
        title: row.title,
        status: row.status,
        impact: row.impact,
        priority: row.priority,
        source: row.source,
        review: row.review,
        tier: highestTier(componentRegions.map((cr) => cr.tier)),
        startedAt: row.startedAt,
        detectedAt: row.detectedAt,
        acknowledgedAt: row.acknowledgedAt,
        resolvedAt: row.resolvedAt,
        publishedAt: row.publishedAt,
        version: row.version,
        componentRegions,
        lastUpdateAt: row.updates[0]?.createdAt ?? null,
        resolveProposed: isResolveProposed(
          row,
          row.componentRegions.map((l) => l.componentRegion),
        ),
        sampleErrors: (row.evidence as DetectionEvidence | null)?.sampleErrors ?? [],
      };
    }),
  );
}

/** How many incidents a console list holds (the navigation's proposal count). */
export async function countConsoleIncidents(db: Db, state: (typeof CONSOLE_INCIDENT_STATES)[number]): Promise<number> {
  return db.incident.count({ where: WHERE[state] });
}
