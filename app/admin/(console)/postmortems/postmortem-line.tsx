// One line about an incident's postmortem on the incident list and page:
// where it stands (due, overdue …), owner, age since resolution, due date,
// and the link to write or open it.
import Link from "next/link";
import type { PostmortemSummary } from "@/lib/postmortems/postmortem-summaries.ts";
import { Utc } from "../../_components/badges.tsx";
import { postmortemHref } from "./due-table.tsx";
import { formatAge, PolicyBadge, PostmortemStateBadge, personName } from "./postmortem-badges.tsx";

export function PostmortemLine({
  incidentId,
  summary,
  canWrite,
}: {
  incidentId: string;
  summary: PostmortemSummary;
  canWrite: boolean;
}) {
  const outstanding = summary.status === "missing" || summary.status === "due" || summary.status === "overdue";
  const started = summary.postmortemId !== null && summary.status !== "not_required";
  // Nothing to say about an optional postmortem nobody started, except to someone who may start it.
  if (!started && !outstanding && summary.status !== "pending" && summary.status !== "not_required" && !canWrite)
    return null;
  const linkText = started ? "Open postmortem" : canWrite ? "Write postmortem" : "Postmortem";
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-postmortem-line={summary.status}>
      <PolicyBadge status={summary.status} />
      {summary.state && <PostmortemStateBadge state={summary.state} />}
      {outstanding && (
        <span className="text-slate-700 dark:text-slate-300">
          owner {personName(summary.owner)}
          {summary.ageMs !== null && <> · resolved {formatAge(summary.ageMs)} ago</>}
          {summary.dueAt && (
            <>
              {" "}
              · due <Utc at={summary.dueAt} />
            </>
          )}
        </span>
      )}
      {summary.status !== "pending" && (
        <Link className="font-medium underline" href={postmortemHref(incidentId)}>
          {linkText}
        </Link>
      )}
    </p>
  );
}
