// Detection: which confirmed outages become a draft incident for an engineer
// to approve, grouped how, with what suggested impact. Pure: the worker's
// detectIncidents (lib/incidents/detect-incidents.ts) gathers the facts.
import type { ComponentStatus, IncidentImpact, Tier } from "../generated/prisma/enums.ts";

/** Confirmed statuses that open (or join) a proposal. Degradation alone does not. */
export const DETECTED_STATUSES: readonly ComponentStatus[] = ["partial_outage", "major_outage"];

/** The reason written on a proposal whose ComponentRegions all recovered before anyone approved it. */
export const RECOVERED_BEFORE_APPROVAL = "recovered before approval";
/** The reason written on a proposal an engineer overtook by declaring (or approving) an incident covering all of it. */
export const COVERED_BY_INCIDENT = "covered by an open incident";

/** What probes saw, stored on the incident (Incident.evidence) for engineers to judge. */
export interface DetectionEvidence {
  componentRegions: ComponentRegionEvidence[];
  /** Distinct errors the failing vantages reported, at most MAX_SAMPLE_ERRORS. */
  sampleErrors: string[];
}

export interface ComponentRegionEvidence {
  componentRegionId: string;
  componentKey: string;
  regionKey: string;
  status: ComponentStatus;
  /** ISO time the confirmed status holds from (the first round of its evidence). */
  since: string;
  failingVantages: { vantage: string; outcome: string; error: string | null; checkedAt: string }[];
  /** The round verdicts that confirmed it, oldest first. */
  verdicts: string[];
}

export const MAX_SAMPLE_ERRORS = 5;

/** A ComponentRegion whose probes confirm an outage now. */
export interface Outage {
  componentRegionId: string;
  componentId: string;
  tier: Tier;
  status: ComponentStatus;
  /** When the confirmed status began. */
  since: Date;
}

export interface OpenProposal {
  incidentId: string;
  componentIds: readonly string[];
  componentRegionIds: readonly string[];
}

export interface DetectionContext {
  /** Propose for tier-2 components too (DETECT_TIER_2). */
  tier2: boolean;
  /** ComponentRegions inside a maintenance window now. */
  inMaintenance: ReadonlySet<string>;
  /** ComponentRegions an open, approved incident covers. */
  coveredByIncident: ReadonlySet<string>;
  /**
   * The latest moment each ComponentRegion was in front of an engineer: the
   * creation or last change of any incident or proposal covering it. An
   * outage older than that was already seen (dismissed, or resolved by hand).
   */
  lastHandledAt: ReadonlyMap<string, Date>;
  openProposals: readonly OpenProposal[];
}

export interface ProposalPlan {
  componentId: string;
  /** The open proposal to join, or null for a new one. */
  incidentId: string | null;
  /** Every outage that belongs to it now (already there or new). */
  outages: Outage[];
}

/** Does this confirmed outage warrant a proposal of its own (or a place in one)? */
export function isProposable(outage: Outage, context: DetectionContext): boolean {
  if (!DETECTED_STATUSES.includes(outage.status)) return false;
  if (outage.tier === "TIER_2" && !context.tier2) return false;
  if (context.inMaintenance.has(outage.componentRegionId) || context.coveredByIncident.has(outage.componentRegionId))
    return false;
  const handled = context.lastHandledAt.get(outage.componentRegionId);
  const inProposal = context.openProposals.some((p) => p.componentRegionIds.includes(outage.componentRegionId));
  return inProposal || !handled || handled < outage.since;
}

/** One plan per component: several failing regions of one component are one proposal. */
export function planProposals(outages: readonly Outage[], context: DetectionContext): ProposalPlan[] {
  const byComponent = new Map<string, Outage[]>();
  for (const outage of outages) {
    if (!isProposable(outage, context)) continue;
    byComponent.set(outage.componentId, [...(byComponent.get(outage.componentId) ?? []), outage]);
  }
  return [...byComponent].map(([componentId, members]) => {
    const proposal = context.openProposals.find((p) => p.componentIds.includes(componentId));
    return { componentId, incidentId: proposal?.incidentId ?? null, outages: members };
  });
}

/** Major outage in two or more regions is critical; in one, major; partial outages are minor. */
export function suggestedImpact(statuses: readonly ComponentStatus[]): IncidentImpact {
  const major = statuses.filter((s) => s === "major_outage").length;
  if (major >= 2) return "critical";
  if (major === 1) return "major";
  return statuses.some((s) => s === "partial_outage") ? "minor" : "none";
}

/** e.g. "Checkout: major outage in North America (Iowa) – GCP" or "Search: outage in 3 regions". */
export function proposalTitle(
  componentName: string,
  affected: readonly { regionName: string; status: ComponentStatus }[],
): string {
  const words = affected.some((a) => a.status === "major_outage") ? "major outage" : "partial outage";
  if (affected.length === 1) return `${componentName}: ${words} in ${affected[0]!.regionName}`;
  return `${componentName}: ${words} in ${affected.length} regions`;
}

/** A proposal is withdrawn when every ComponentRegion in it is confirmed operational again. */
export function allRecovered(statuses: readonly (ComponentStatus | null)[]): boolean {
  return statuses.length > 0 && statuses.every((s) => s === "operational");
}

/** Why an open proposal withdraws itself now, or null while it still stands. */
export function proposalWithdrawal(
  componentRegions: readonly { probeStatus: ComponentStatus | null; coveredByIncident: boolean }[],
): string | null {
  if (allRecovered(componentRegions.map((cr) => cr.probeStatus))) return RECOVERED_BEFORE_APPROVAL;
  if (componentRegions.length > 0 && componentRegions.every((cr) => cr.coveredByIncident)) return COVERED_BY_INCIDENT;
  return null;
}

/** Distinct non-empty errors, first seen first. */
export function sampleErrors(evidence: readonly ComponentRegionEvidence[]): string[] {
  const errors = new Set<string>();
  for (const cr of evidence) for (const v of cr.failingVantages) if (v.error) errors.add(v.error);
  return [...errors].slice(0, MAX_SAMPLE_ERRORS);
}

/** What evaluate-rounds stores on a StatusChange (read leniently: it is JSON). */
interface StatusChangeEvidence {
  verdicts?: unknown;
  failing?: unknown;
}

/** The evidence an engineer sees for one ComponentRegion, from the StatusChange that confirmed its status. */
export function componentRegionEvidence(
  cr: { componentRegionId: string; componentKey: string; regionKey: string; status: ComponentStatus; since: Date },
  change: { at: Date; evidence: unknown } | null,
): ComponentRegionEvidence {
  const raw = (change?.evidence ?? {}) as StatusChangeEvidence;
  const failing = Array.isArray(raw.failing) ? (raw.failing as Record<string, unknown>[]) : [];
  return {
    componentRegionId: cr.componentRegionId,
    componentKey: cr.componentKey,
    regionKey: cr.regionKey,
    status: cr.status,
    since: (change?.at ?? cr.since).toISOString(),
    failingVantages: failing.map((f) => ({
      vantage: String(f.vantage ?? "unknown"),
      outcome: String(f.outcome ?? "down"),
      error: typeof f.error === "string" ? f.error : null,
      checkedAt: String(f.checkedAt ?? ""),
    })),
    verdicts: Array.isArray(raw.verdicts) ? raw.verdicts.map(String) : [],
  };
}
