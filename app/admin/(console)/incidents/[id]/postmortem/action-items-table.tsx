// The postmortem's action items and the forms that move them on:
// open → in progress → done, or won't do with a reason; finished ones reopen.
import {
  ACTION_ITEM_STATE_LABEL,
  ACTION_ITEM_TRANSITIONS,
  ACTION_ITEM_TYPE_LABEL,
} from "@/lib/domain/postmortem-action-items.ts";
import type { ActionItemState } from "@/lib/domain/postmortem-action-items.ts";
import type { ActionItemView, AssignableUser, PostmortemView } from "@/lib/postmortems/types.ts";
import { INPUT_CLASS } from "../../../../_components/field-props.ts";
import { PriorityBadge } from "../../../../_components/badges.tsx";
import { ConsoleTable, TD_CLASS as TD } from "../../../../_components/console-table.tsx";
import { transitionActionItemAction } from "./actions.ts";
import { AddActionItemForm } from "./action-item-forms.tsx";
import { InlineForm } from "./inline-form.tsx";

const MOVE_LABEL: Record<ActionItemState, string> = {
  open: "Reopen",
  in_progress: "Start",
  done: "Mark done",
  wont_do: "Won't do",
};

export function DueDay({ date }: { date: Date | null }) {
  return date ? (
    <time dateTime={date.toISOString().slice(0, 10)}>{date.toISOString().slice(0, 10)}</time>
  ) : (
    <span>—</span>
  );
}

export function ActionItemStateLabel({ item }: { item: Pick<ActionItemView, "state" | "overdue" | "wontDoReason"> }) {
  return (
    <span data-item-state={item.state}>
      <span className="font-medium">{ACTION_ITEM_STATE_LABEL[item.state]}</span>
      {item.overdue && <span className="ml-1 rounded bg-red-700 px-1 text-xs font-bold text-white">Overdue</span>}
      {item.state === "wont_do" && item.wontDoReason && (
        <span className="block text-xs">Because: {item.wontDoReason}</span>
      )}
    </span>
  );
}

export function ActionItemMoves({
  item,
  incidentId,
}: {
  item: Pick<ActionItemView, "id" | "state" | "title">;
  incidentId: string;
}) {
  const base = { actionItemId: item.id, incidentId };
  return (
    <div className="flex flex-wrap items-start gap-2">
      {ACTION_ITEM_TRANSITIONS[item.state]
        .filter((to) => to !== "wont_do")
        .map((to) => (
          <InlineForm
            key={to}
            action={transitionActionItemAction}
            fields={{ ...base, to }}
            label={MOVE_LABEL[to]}
            ariaLabel={`${MOVE_LABEL[to]}: ${item.title}`}
          />
        ))}
      {ACTION_ITEM_TRANSITIONS[item.state].includes("wont_do") && (
        <details className="basis-full">
          <summary className="cursor-pointer text-sm underline">Won&apos;t do…</summary>
          <InlineForm
            action={transitionActionItemAction}
            fields={{ ...base, to: "wont_do" }}
            label="Won't do"
            ariaLabel={`Won't do: ${item.title}`}
          >
            <label className="block text-sm font-medium" htmlFor={`wontdo-${item.id}`}>
              Why not?
            </label>
            <input id={`wontdo-${item.id}`} name="reason" type="text" className={INPUT_CLASS} />
          </InlineForm>
        </details>
      )}
    </div>
  );
}

export function ActionItemsTable({
  postmortem,
  writer,
  owners,
  actorId,
}: {
  postmortem: PostmortemView;
  writer: boolean;
  owners: AssignableUser[];
  actorId: string;
}) {
  const items = postmortem.actionItems;
  return (
    <div className="space-y-4">
      {items.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">No action items yet.</p>
      ) : (
        <ConsoleTable
          label="Action items"
          testId="action-items"
          headings={["Action item", "Owner", "Due", "Priority", "Type", "State", ...(writer ? ["Change"] : [])]}
        >
          {items.map((item) => (
            <tr key={item.id} data-action-item={item.title}>
              <td className={TD}>
                <span className="font-medium">{item.title}</span>
                {item.isPublic && (
                  <span className="ml-1 rounded bg-sky-100 px-1 text-xs font-semibold text-sky-950 dark:bg-sky-950 dark:text-sky-100">
                    Public
                  </span>
                )}
                {item.trackerUrl && (
                  <a className="block text-xs underline" href={item.trackerUrl} rel="noopener noreferrer nofollow">
                    Tracker
                  </a>
                )}
              </td>
              <td className={TD}>{item.owner ? (item.owner.name ?? item.owner.email) : "—"}</td>
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
              {writer && (
                <td className={`${TD} min-w-48`}>
                  <ActionItemMoves item={item} incidentId={postmortem.incidentId} />
                </td>
              )}
            </tr>
          ))}
        </ConsoleTable>
      )}
      {writer && (
        <section
          aria-labelledby="add-action-item"
          className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
        >
          <h3 id="add-action-item" className="mb-2 font-semibold">
            Add an action item
          </h3>
          <AddActionItemForm
            postmortemId={postmortem.id}
            incidentId={postmortem.incidentId}
            owners={owners}
            defaultOwnerId={owners.some((o) => o.id === actorId) ? actorId : ""}
          />
        </section>
      )}
    </div>
  );
}
