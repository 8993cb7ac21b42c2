// Labels for postmortems wherever the console lists them: review state,
// where policy says it stands, owner and age. Words always, never colour alone.
import { formatDuration } from "@/lib/domain/time-display.ts";
import type { PostmortemPolicyStatus } from "@/lib/domain/postmortem-policy.ts";
import { POSTMORTEM_STATE_LABEL } from "@/lib/domain/postmortem-review.ts";
import type { PostmortemState } from "@/lib/domain/postmortem-review.ts";
import type { UserRef } from "@/lib/postmortems/types.ts";

const STATE_TONE: Record<PostmortemState, string> = {
  draft: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  in_review: "bg-violet-100 text-violet-950 dark:bg-violet-950 dark:text-violet-100",
  approved: "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-100",
  published: "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100",
};

export function PostmortemStateBadge({ state }: { state: PostmortemState }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${STATE_TONE[state]}`}
      data-postmortem-state={state}
    >
      {POSTMORTEM_STATE_LABEL[state]}
    </span>
  );
}

export const POLICY_LABEL: Record<PostmortemPolicyStatus, string> = {
  pending: "Postmortem required once resolved",
  missing: "Postmortem due, not started",
  due: "Postmortem due",
  overdue: "Postmortem overdue",
  published: "Postmortem published",
  not_required: "Postmortem not required",
  optional: "Postmortem optional",
};

const POLICY_TONE: Partial<Record<PostmortemPolicyStatus, string>> = {
  missing: "border-amber-600 text-amber-900 dark:text-amber-200",
  due: "border-amber-600 text-amber-900 dark:text-amber-200",
  overdue: "border-red-700 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
  published: "border-emerald-700 text-emerald-900 dark:text-emerald-200",
};

export function PolicyBadge({ status }: { status: PostmortemPolicyStatus }) {
  const tone = POLICY_TONE[status] ?? "border-slate-400 text-slate-800 dark:border-slate-500 dark:text-slate-200";
  return (
    <span
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold ${tone}`}
      data-postmortem-policy={status}
    >
      {POLICY_LABEL[status]}
    </span>
  );
}

export function personName(user: UserRef | null): string {
  return user ? (user.name ?? user.email) : "nobody yet";
}

/** "3 d 4 h": how long since the incident was resolved. */
export function formatAge(ms: number): string {
  return formatDuration(Math.max(0, ms));
}
