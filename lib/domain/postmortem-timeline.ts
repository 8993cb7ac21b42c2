// The automatic part of a postmortem's timeline, built from the incident's
// record. Pure: lib/postmortems/record-facts.ts gathers the facts. Each entry
// carries a sourceKey stable across runs, so a refresh adds only new ones.
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentReview,
  IncidentSource,
  IncidentStatus,
  Priority,
  Tier,
  TimelineSource,
} from "../generated/prisma/enums.ts";
import { formatDuration } from "./time-display.ts";
import { STATUS_LABEL } from "./status.ts";

export interface FactComponentRegion {
  id: string;
  componentName: string;
  regionName: string;
  regionKey: string;
  tier: Tier;
}

/** The first failing check of one vantage on one ComponentRegion during the incident. */
export interface FirstFailure {
  componentRegionId: string;
  vantage: string;
  at: Date;
  outcome: string;
  error: string | null;
}

export interface FactStatusChange {
  id: string;
  componentRegionId: string;
  at: Date;
  from: ComponentStatus | null;
  to: ComponentStatus | null;
}

export interface FactUpdate {
  id: string;
  at: Date;
  status: IncidentStatus;
  message: string;
  author: string | null;
}

export interface FactMaintenance {
  id: string;
  title: string;
  from: Date;
  to: Date | null;
}

export interface RecordFacts {
  incident: {
    id: string;
    title: string;
    source: IncidentSource;
    review: IncidentReview;
    status: IncidentStatus;
    impact: IncidentImpact;
    priority: Priority;
    startedAt: Date;
    detectedAt: Date | null;
    acknowledgedAt: Date | null;
    mitigatedAt: Date | null;
    resolvedAt: Date | null;
    createdAt: Date;
    createdBy: string | null;
  };
  componentRegions: FactComponentRegion[];
  /** Per ComponentRegion and vantage, oldest first. */
  firstFailures: FirstFailure[];
  /** Confirmed (probe) status changes around the incident, oldest first. */
  statusChanges: FactStatusChange[];
  approval: { at: Date; by: string | null } | null;
  /** Oldest first. */
  updates: FactUpdate[];
  maintenance: FactMaintenance[];
}

export interface AutoTimelineEntry {
  sourceKey: string;
  at: Date;
  source: TimelineSource;
  text: string;
}

const INCIDENT_STATUS_WORD: Readonly<Record<IncidentStatus, string>> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export function componentRegionName(cr: Pick<FactComponentRegion, "componentName" | "regionName">): string {
  return `${cr.componentName} in ${cr.regionName}`;
}

const statusWord = (s: ComponentStatus | null) => (s === null ? "no data" : STATUS_LABEL[s].toLowerCase());

function failureEntries(facts: RecordFacts, names: Map<string, string>): AutoTimelineEntry[] {
  const first = new Map<string, FirstFailure>();
  for (const f of facts.firstFailures) {
    const seen = first.get(f.componentRegionId);
    if (!seen || f.at < seen.at) first.set(f.componentRegionId, f);
  }
  return [...first.values()].map((f) => ({
    sourceKey: `check:first:${f.componentRegionId}`,
    at: f.at,
    source: "probe",
    text: `First failing check on ${names.get(f.componentRegionId) ?? "a component"}, from ${f.vantage}: ${f.outcome}${f.error ? ` (${f.error})` : ""}.`,
  }));
}

function incidentEntries(facts: RecordFacts): AutoTimelineEntry[] {
  const i = facts.incident;
  const entries: AutoTimelineEntry[] = [];
  if (i.source === "detected") {
    entries.push({
      sourceKey: "incident:proposed",
      at: i.detectedAt ?? i.createdAt,
      source: "system",
      text: `Monitoring confirmed the outage and proposed an incident: "${i.title}".`,
    });
    if (facts.approval) {
      const by = facts.approval.by ?? "An engineer";
      entries.push({
        sourceKey: "incident:approved",
        at: facts.approval.at,
        source: "engineer",
        text: `${by} approved the proposal; the incident became public.`,
      });
    }
  } else {
    entries.push({
      sourceKey: "incident:declared",
      at: i.createdAt,
      source: "engineer",
      text: `${i.createdBy ?? "An engineer"} declared the incident: "${i.title}".`,
    });
  }
  if (i.mitigatedAt && (!i.resolvedAt || i.mitigatedAt < i.resolvedAt)) {
    entries.push({
      sourceKey: "incident:mitigated",
      at: i.mitigatedAt,
      source: "engineer",
      text: "Mitigated: a fix was in place and the team was monitoring the result.",
    });
  }
  if (i.resolvedAt) {
    const resolver = facts.updates.findLast((u) => u.status === "resolved")?.author ?? null;
    entries.push({
      sourceKey: "incident:resolved",
      at: i.resolvedAt,
      source: resolver ? "engineer" : "system",
      text: `${resolver ? `${resolver} resolved the incident` : "The incident was resolved"} after ${formatDuration(i.resolvedAt.getTime() - i.startedAt.getTime())}.`,
    });
  }
  return entries;
}

/** Every automatic entry, oldest first (ties keep a fixed order). */
export function collectTimeline(facts: RecordFacts): AutoTimelineEntry[] {
  const names = new Map(facts.componentRegions.map((cr) => [cr.id, componentRegionName(cr)]));
  const entries: AutoTimelineEntry[] = [
    ...failureEntries(facts, names),
    ...facts.statusChanges.map(
      (c): AutoTimelineEntry => ({
        sourceKey: `status:${c.id}`,
        at: c.at,
        source: "probe",
        text: `Probes confirmed ${names.get(c.componentRegionId) ?? "a component"}: ${statusWord(c.from)} → ${statusWord(c.to)}.`,
      }),
    ),
    ...incidentEntries(facts),
    ...facts.updates.map(
      (u): AutoTimelineEntry => ({
        sourceKey: `update:${u.id}`,
        at: u.at,
        source: "engineer",
        text: `${u.author ? `${u.author} posted` : "Posted"} an update (${INCIDENT_STATUS_WORD[u.status]}): ${u.message}`,
      }),
    ),
    ...facts.maintenance.map(
      (m): AutoTimelineEntry => ({
        sourceKey: `maintenance:${m.id}`,
        at: m.from,
        source: "system",
        text: `Maintenance overlapping the incident began: "${m.title}"${m.to ? `, for ${formatDuration(Math.max(0, m.to.getTime() - m.from.getTime()))}` : ""}.`,
      }),
    ),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
