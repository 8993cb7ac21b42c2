// Small labels the console shows everywhere: priority, tier, lifecycle and
// review state, and times in UTC. Always words, never colour alone.
import { INCIDENT_STATUS_LABEL, type IncidentReview, type IncidentStatus } from "@/lib/domain/incident-lifecycle.ts";
import type { IncidentImpact, Priority, Tier } from "@/lib/domain/priority.ts";

const PRIORITY_TONE: Record<Priority, string> = {
  P1: "bg-red-700 text-white",
  P2: "bg-orange-700 text-white",
  P3: "bg-amber-300 text-amber-950",
  P4: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
};

export const PRIORITY_MEANING: Record<Priority, string> = {
  P1: "P1: critical, act now",
  P2: "P2: high",
  P3: "P3: moderate",
  P4: "P4: low",
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-bold ${PRIORITY_TONE[priority]}`}
      title={PRIORITY_MEANING[priority]}
      data-priority={priority}
    >
      {priority}
    </span>
  );
}

export function TierBadge({ tier }: { tier: Tier }) {
  const one = tier === "TIER_1";
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${one ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"}`}
    >
      {one ? "Tier 1" : "Tier 2"}
    </span>
  );
}

export function LifecycleBadge({ status }: { status: IncidentStatus }) {
  return (
    <span
      className="inline-block rounded border border-slate-400 px-1.5 py-0.5 text-xs font-semibold dark:border-slate-500"
      data-lifecycle={status}
    >
      {INCIDENT_STATUS_LABEL[status]}
    </span>
  );
}

const REVIEW_LABEL: Record<IncidentReview, string> = {
  proposed: "Proposal: not public",
  approved: "Public",
  dismissed: "Dismissed",
};

export function ReviewBadge({ review }: { review: IncidentReview }) {
  const tone =
    review === "proposed"
      ? "bg-violet-100 text-violet-950 dark:bg-violet-950 dark:text-violet-100"
      : review === "dismissed"
        ? "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200"
        : "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-100";
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${tone}`}>{REVIEW_LABEL[review]}</span>
  );
}

export const IMPACT_LABEL: Record<IncidentImpact, string> = {
  none: "None",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
};

export function Utc({ at }: { at: Date | string | null }) {
  if (!at) return <span>—</span>;
  const date = typeof at === "string" ? new Date(at) : at;
  return <time dateTime={date.toISOString()}>{`${date.toISOString().slice(0, 16).replace("T", " ")} UTC`}</time>;
}
