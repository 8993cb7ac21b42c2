// Status of a ComponentRegion and of the whole platform. Pure: callers pass
// in what they know; null always means "no evidence", never "operational".
import type { ComponentStatus } from "../generated/prisma/enums.ts";

export type { ComponentStatus };

/** Worse statuses rank higher. Maintenance outranks operational only. */
export const STATUS_SEVERITY: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const STATUS_LABEL: Readonly<Record<ComponentStatus, string>> = {
  operational: "Operational",
  under_maintenance: "Under maintenance",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

export const NO_DATA_LABEL = "No data yet";

export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus | null {
  let worst: ComponentStatus | null = null;
  for (const status of statuses) {
    if (worst === null || STATUS_SEVERITY[status] > STATUS_SEVERITY[worst]) worst = status;
  }
  return worst;
}

export interface StatusInputs {
  /** A maintenance window covering this ComponentRegion is in progress. */
  inMaintenance: boolean;
  /** Statuses that open, published incidents give this ComponentRegion. */
  incidentStatuses: readonly ComponentStatus[];
  /** The confirmed automatic status from probes; null without evidence. */
  probeStatus: ComponentStatus | null;
}

/**
 * DESIGN.md: maintenance over an operator's override from an open incident
 * over the confirmed automatic status from probes.
 */
export function effectiveStatus(inputs: StatusInputs): ComponentStatus | null {
  if (inputs.inMaintenance) return "under_maintenance";
  return worstStatus(inputs.incidentStatuses) ?? inputs.probeStatus;
}

/** Statuspage's page-level indicator values. */
export type StatusIndicator = "none" | "minor" | "major" | "critical" | "maintenance";

export interface OverallStatus {
  indicator: StatusIndicator;
  description: string;
  /** ComponentRegions with no evidence yet. */
  unknown: number;
  total: number;
}

const INDICATOR_FOR: Readonly<Record<ComponentStatus, StatusIndicator>> = {
  operational: "none",
  under_maintenance: "maintenance",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

export const INDICATOR_DESCRIPTION: Readonly<Record<StatusIndicator, string>> = {
  none: "All Systems Operational",
  minor: "Partially Degraded Service",
  major: "Partial System Outage",
  critical: "Major System Outage",
  maintenance: "Service Under Maintenance",
};

export function overallStatus(statuses: readonly (ComponentStatus | null)[]): OverallStatus {
  const known = statuses.filter((s): s is ComponentStatus => s !== null);
  const unknown = statuses.length - known.length;
  const worst = worstStatus(known);
  if (worst === null) {
    return { indicator: "none", description: "Awaiting probe data", unknown, total: statuses.length };
  }
  const indicator = INDICATOR_FOR[worst];
  // Claim "all operational" only for what was measured.
  const description =
    indicator === "none" && unknown > 0 ? "All Measured Systems Operational" : INDICATOR_DESCRIPTION[indicator];
  return { indicator, description, unknown, total: statuses.length };
}
