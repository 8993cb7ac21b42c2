// Postmortems policy requires and nobody has published: owner, age, due date
// and state, overdue first. The console home, the incidents list and
// /admin/postmortems show the same table.
import Link from "next/link";
import type { PostmortemDueRow } from "@/lib/postmortems/types.ts";
import { PriorityBadge, Utc } from "../../_components/badges.tsx";
import { ScrollArea } from "../../_components/scroll-area.tsx";
import { formatAge, PolicyBadge, PostmortemStateBadge, personName } from "./postmortem-badges.tsx";

const TH = "border-b border-slate-300 px-2 py-1 text-left font-semibold dark:border-slate-700";
const TD = "border-b border-slate-200 px-2 py-2 align-top dark:border-slate-800";

export function postmortemHref(incidentId: string): string {
  return `/admin/incidents/${encodeURIComponent(incidentId)}/postmortem`;
}

export function DueTable({ rows, label }: { rows: PostmortemDueRow[]; label: string }) {
  return (
    <ScrollArea label={label}>
      <table className="w-full border-collapse text-sm" data-testid="postmortems-due">
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            {["Incident", "Priority", "Status", "State", "Owner", "Age", "Due"].map((h) => (
              <th key={h} scope="col" className={TH}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </ScrollArea>
  );
}
