// Rows to read models: the selects every postmortem read shares, and the
// mapping of timeline entries and action items.
import type { Prisma } from "../db.ts";
import { isActionItemOverdue } from "../domain/postmortem-action-items.ts";
import type { ActionItemListRow, ActionItemView, TimelineEntryView } from "./types.ts";

export const userRefSelect = { id: true, email: true, name: true } satisfies Prisma.UserSelect;

export const timelineEntryInclude = { author: { select: userRefSelect } } satisfies Prisma.TimelineEntryInclude;
export const actionItemInclude = { owner: { select: userRefSelect } } satisfies Prisma.ActionItemInclude;
export const actionItemListInclude = {
  owner: { select: userRefSelect },
  postmortem: { select: { incident: { select: { id: true, title: true, priority: true } } } },
} satisfies Prisma.ActionItemInclude;

/** Time order; entries at the same moment keep the order they were written in. */
export const timelineOrder = [
  { at: "asc" },
  { createdAt: "asc" },
  { id: "asc" },
] satisfies Prisma.TimelineEntryOrderByWithRelationInput[];

type TimelineRow = Prisma.TimelineEntryGetPayload<{ include: typeof timelineEntryInclude }>;
type ActionItemRow = Prisma.ActionItemGetPayload<{ include: typeof actionItemInclude }>;
type ActionItemListRowData = Prisma.ActionItemGetPayload<{ include: typeof actionItemListInclude }>;

export function toTimelineEntryView(row: TimelineRow): TimelineEntryView {
  return {
    id: row.id,
    at: row.at,
    source: row.source,
    text: row.text,
    sourceKey: row.sourceKey,
    starred: row.starred,
    hidden: row.hidden,
    author: row.author,
    createdAt: row.createdAt,
  };
}

export function toActionItemView(row: ActionItemRow, now: Date): ActionItemView {
  return {
    id: row.id,
    postmortemId: row.postmortemId,
    title: row.title,
    description: row.description,
    owner: row.owner,
    dueDate: row.dueDate,
    priority: row.priority,
    type: row.type,
    trackerUrl: row.trackerUrl,
    state: row.state,
    wontDoReason: row.wontDoReason,
    isPublic: row.isPublic,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    overdue: isActionItemOverdue(row, now),
  };
}

export function toActionItemListRow(row: ActionItemListRowData, now: Date): ActionItemListRow {
  return { ...toActionItemView(row, now), incident: row.postmortem.incident };
}
