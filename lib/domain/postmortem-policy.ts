// Which incidents need a postmortem, by when, and where each one stands.
// Pure: the settings and `now` are arguments. Business days are Monday to
// Friday in UTC; the due time keeps the time of day of the resolution.
import type { PostmortemState, Priority } from "../generated/prisma/enums.ts";

/** Priorities whose incidents need a postmortem once resolved. */
export const POSTMORTEM_REQUIRED_PRIORITIES: readonly Priority[] = ["P1", "P2"];

/** Defaults of POSTMORTEM_DUE_BUSINESS_DAYS_P1 / _P2. */
export const DEFAULT_DUE_BUSINESS_DAYS: Readonly<Record<"P1" | "P2", number>> = Object.freeze({ P1: 3, P2: 5 });

export interface PostmortemPolicySettings {
  dueBusinessDays: Readonly<Record<"P1" | "P2", number>>;
}

export const DEFAULT_POSTMORTEM_POLICY: PostmortemPolicySettings = Object.freeze({
  dueBusinessDays: DEFAULT_DUE_BUSINESS_DAYS,
});

/**
 * Where an incident's postmortem stands, for the console's lists:
 * pending — required, but the incident is not resolved yet (no due date);
 * missing — required and due, nobody has started it;
 * due — started, not yet published, before its due date;
 * overdue — past its due date and never published (started or not);
 * published — published at least once;
 * not_required — P3/P4 marked not required, with a reason;
 * optional — P3/P4 without a postmortem or a mark.
 */
export type PostmortemPolicyStatus =
  | "pending"
  | "missing"
  | "due"
  | "overdue"
  | "published"
  | "not_required"
  | "optional";

const DAY_MS = 86_400_000;

export function postmortemRequired(priority: Priority): boolean {
  return POSTMORTEM_REQUIRED_PRIORITIES.includes(priority);
}

/** Only incidents that do not require one may be marked "not required". */
export function mayMarkNotRequired(priority: Priority): boolean {
  return !postmortemRequired(priority);
}

function isWeekend(t: number): boolean {
  const day = new Date(t).getUTCDay();
  return day === 0 || day === 6;
}

/** `days` business days after `from`, at the same UTC time of day. */
export function addBusinessDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`business days must be a whole number ≥ 0, got ${days}`);
  let t = from.getTime();
  if (Number.isNaN(t)) throw new RangeError("from is not a valid date");
  for (let left = days; left > 0; ) {
    t += DAY_MS;
    if (!isWeekend(t)) left--;
  }
  return new Date(t);
}

/** When the postmortem is due; null when not required or not resolved yet. */
export function postmortemDueAt(
  priority: Priority,
  resolvedAt: Date | null,
  settings: PostmortemPolicySettings = DEFAULT_POSTMORTEM_POLICY,
): Date | null {
  if (!resolvedAt || !postmortemRequired(priority)) return null;
  return addBusinessDays(resolvedAt, settings.dueBusinessDays[priority as "P1" | "P2"]);
}

export interface PolicyIncident {
  priority: Priority;
  resolvedAt: Date | null;
}

export interface PolicyPostmortem {
  state: PostmortemState;
  notRequired: boolean;
  firstPublishedAt: Date | null;
}

export function postmortemPolicyStatus(
  incident: PolicyIncident,
  postmortem: PolicyPostmortem | null,
  now: Date,
  settings: PostmortemPolicySettings = DEFAULT_POSTMORTEM_POLICY,
): PostmortemPolicyStatus {
  if (postmortem?.firstPublishedAt) return "published";
  if (!postmortemRequired(incident.priority)) return postmortem?.notRequired ? "not_required" : "optional";
  const dueAt = postmortemDueAt(incident.priority, incident.resolvedAt, settings);
  if (!dueAt) return "pending";
  if (now.getTime() > dueAt.getTime()) return "overdue";
  return postmortem ? "due" : "missing";
}

/** How long since the incident was resolved; null while it is open. Never negative. */
export function postmortemAgeMs(resolvedAt: Date | null, now: Date): number | null {
  return resolvedAt ? Math.max(0, now.getTime() - resolvedAt.getTime()) : null;
}

/** The statuses the "postmortems due" list shows. */
export function isOutstanding(status: PostmortemPolicyStatus): status is "missing" | "due" | "overdue" {
  return status === "missing" || status === "due" || status === "overdue";
}
