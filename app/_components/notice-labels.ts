// Words and tones for incident and maintenance lifecycles and impact, as the
// public site writes them (Statuspage's vocabulary).
import type { IncidentStatus } from "@/lib/domain/incident-lifecycle.ts";
import type { MaintenanceStatus } from "@/lib/domain/maintenance-lifecycle.ts";
import type { IncidentImpact } from "@/lib/domain/priority.ts";

export const INCIDENT_STATUS_LABEL: Readonly<Record<IncidentStatus, string>> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export const MAINTENANCE_STATUS_LABEL: Readonly<Record<MaintenanceStatus, string>> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

export const IMPACT_LABEL: Readonly<Record<IncidentImpact, string>> = {
  none: "No impact",
  minor: "Minor impact",
  major: "Major impact",
  critical: "Critical impact",
};

/** Border and badge tones; the label always says the impact in words too. */
export const IMPACT_TONE: Readonly<Record<IncidentImpact, { border: string; badge: string }>> = {
  none: { border: "border-slate-400", badge: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100" },
  minor: { border: "border-amber-500", badge: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100" },
  major: {
    border: "border-orange-600",
    badge: "bg-orange-100 text-orange-950 dark:bg-orange-950 dark:text-orange-100",
  },
  critical: { border: "border-red-600", badge: "bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100" },
};

export const MAINTENANCE_TONE = {
  border: "border-sky-600",
  badge: "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-100",
};
