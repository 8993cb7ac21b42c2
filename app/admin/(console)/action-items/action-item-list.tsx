// Action items across postmortems, each with its incident: "my action items",
// every open one, the overdue ones (also on the console home).
import Link from "next/link";
import { ACTION_ITEM_TYPE_LABEL } from "@/lib/domain/postmortem-action-items.ts";
import type { ActionItemListRow } from "@/lib/postmortems/types.ts";
import { PriorityBadge } from "../../_components/badges.tsx";
import { ConsoleTable, TD_CLASS as TD } from "../../_components/console-table.tsx";
import { ActionItemMoves, ActionItemStateLabel, DueDay } from "../incidents/[id]/postmortem/action-items-table.tsx";
import { postmortemHref } from "../postmortems/due-table.tsx";
import { personName } from "../postmortems/postmortem-badges.tsx";

export function ActionItemList({
  rows,
  label,
  movable = false,
}: {
  rows: ActionItemListRow[];
  label: string;
  movable?: boolean;
}) {
  const headings = [
    "Action item",
    "Incident",
    "Owner",
    "Due",
    "Priority",
    "Type",
    "State",
    ...(movable ? ["Change"] : []),
  ];
  return (
    <ConsoleTable label={label} testId="action-item-list" headings={headings}>
      {rows.map((item) => (
        <tr key={item.id} data-action-item={item.title} data-overdue={item.overdue || undefined}>
          <td className={TD}>
            <span className="font-medium">{item.title}</span>
            {item.trackerUrl && (
              <a className="block text-xs underline" href={item.trackerUrl} rel="noopener noreferrer nofollow">
                Tracker
              </a>
            )}
          </td>
          <td className={TD}>
            <Link className="underline" href={`${postmortemHref(item.incident.id)}#action-items`}>
              {item.incident.title}
            </Link>{" "}
            <PriorityBadge priority={item.incident.priority} />
          </td>
          <td className={TD}>{personName(item.owner)}</td>
          <td className={TD}>
            <DueDay date={item.dueDate} />
          </td>
          <td className={TD}>
            <PriorityBadge priority={item.priority} />
          </td>
          <td className={TD}>{ACTION_ITEM_TYPE_LABEL[item.type]}</td>
          <td className={TD}>
            <ActionItemStateLabel item={item} />
          </td>
          {movable && (
            <td className={`${TD} min-w-48`}>
              <ActionItemMoves item={item} incidentId={item.incident.id} />
            </td>
          )}
        </tr>
      ))}
    </ConsoleTable>
  );
}
