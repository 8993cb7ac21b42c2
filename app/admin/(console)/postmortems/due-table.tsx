// Postmortems policy requires and nobody has published: owner, age, due date
// and state, overdue first. The console home, the incidents list and
// /admin/postmortems show the same table.
import Link from "next/link";
import type { PostmortemDueRow } from "@/lib/postmortems/types.ts";
import { PriorityBadge, Utc } from "../../_components/badges.tsx";
import { ConsoleTable, TD_CLASS as TD } from "../../_components/console-table.tsx";
import { formatAge, PolicyBadge, PostmortemStateBadge, personName } from "./postmortem-badges.tsx";

export function postmortemHref(incidentId: string): string {
  return `/admin/incidents/${encodeURIComponent(incidentId)}/postmortem`;
}

export function DueTable({ rows, label }: { rows: PostmortemDueRow[]; label: string }) {
  return (
    <ConsoleTable
      label={label}
      testId="postmortems-due"
      headings={["Incident", "Priority", "Status", "State", "Owner", "Age", "Due"]}
    >
      {rows.map((row) => (
        <tr key={row.incidentId} data-due-incident={row.incidentId} data-status={row.status}>
          <td className={TD}>
            <Link className="font-medium underline" href={postmortemHref(row.incidentId)}>
              {row.incidentTitle}
            </Link>
            <span className="block text-xs">{row.postmortemId ? "Open postmortem" : "Write postmortem"}</span>
          </td>
          <td className={TD}>
            <PriorityBadge priority={row.priority} />
          </td>
          <td className={TD}>
            <PolicyBadge status={row.status} />
          </td>
          <td className={TD}>{row.state ? <PostmortemStateBadge state={row.state} /> : "Not started"}</td>
          <td className={TD}>{personName(row.owner)}</td>
          <td className={TD}>{formatAge(row.ageMs)}</td>
          <td className={TD}>
            <Utc at={row.dueAt} />
          </td>
        </tr>
      ))}
    </ConsoleTable>
  );
}
