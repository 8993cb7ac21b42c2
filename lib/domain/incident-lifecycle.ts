// The incident lifecycle: investigating → identified → monitoring → resolved.
// One table decides every move; postIncidentUpdate refuses what it refuses,
// with the reason in words an engineer can act on.
import type { IncidentReview, IncidentStatus } from "../generated/prisma/enums.ts";

/** An incident's review (proposed, approved, dismissed) is beside its lifecycle: only approved ones are public. */
export type { IncidentReview, IncidentStatus };

export const INCIDENT_STATUSES = [
  "investigating",
  "identified",
  "monitoring",
  "resolved",
] as const satisfies readonly IncidentStatus[];

export const INCIDENT_STATUS_LABEL: Readonly<Record<IncidentStatus, string>> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

const step = (status: IncidentStatus) => INCIDENT_STATUSES.indexOf(status);

/**
 * Forward moves, skipping ahead and staying put (a plain update) are allowed;
 * a fix being monitored may be reopened to identified or investigating;
 * nothing follows resolved.
 */
export function checkIncidentTransition(from: IncidentStatus, to: IncidentStatus): TransitionCheck {
  if (from === "resolved") {
    return {
      ok: false,
      reason:
        "This incident is already resolved; nothing can follow resolution. Declare a new incident if the problem is back.",
    };
  }
  if (step(to) >= step(from)) return { ok: true };
  if (from === "monitoring") return { ok: true };
  return {
    ok: false,
    reason: `An incident that is ${INCIDENT_STATUS_LABEL[from].toLowerCase()} cannot go back to ${INCIDENT_STATUS_LABEL[to].toLowerCase()}; only an incident being monitored can be reopened.`,
  };
}

/** The statuses an engineer may choose next, for the console's form. */
export function nextIncidentStatuses(from: IncidentStatus): IncidentStatus[] {
  return INCIDENT_STATUSES.filter((to) => checkIncidentTransition(from, to).ok);
}
