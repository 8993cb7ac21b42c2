// A postmortem as an exported document — header, sections, timeline, action
// items — in its internal or public variant. Pure; the Markdown and PDF
// exports both render this one model, so they always say the same thing.
import type {
  ActionItemState,
  ActionItemType,
  IncidentStatus,
  PostmortemState,
  Priority,
  Tier,
  TimelineSource,
} from "../generated/prisma/enums.ts";
import { ACTION_ITEM_STATE_LABEL, ACTION_ITEM_TYPE_LABEL } from "./postmortem-action-items.ts";
import { POSTMORTEM_STATE_LABEL } from "./postmortem-review.ts";
import {
  POSTMORTEM_SECTION_DEFINITIONS,
  type PostmortemSectionKey,
  type PostmortemSections,
} from "./postmortem-sections.ts";
import { formatDuration, formatUtcDate, formatUtcDateTime } from "./time-display.ts";

export type ExportVariant = "internal" | "public";

export interface DocumentSource {
  incident: {
    id: string;
    title: string;
    priority: Priority;
    tier: Tier;
    status: IncidentStatus;
    startedAt: Date;
    resolvedAt: Date | null;
  };
  state: PostmortemState;
  sections: PostmortemSections;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  owner: { name: string | null; email: string } | null;
  timeline: readonly { at: Date; source: TimelineSource; text: string; starred: boolean; hidden: boolean }[];
  actionItems: readonly {
    title: string;
    owner: { name: string | null; email: string } | null;
    dueDate: Date | null;
    priority: Priority;
    type: ActionItemType;
    state: ActionItemState;
    wontDoReason: string | null;
    trackerUrl: string | null;
    isPublic: boolean;
  }[];
}

export interface PostmortemDocument {
  variant: ExportVariant;
  title: string;
  meta: [label: string, value: string][];
  /** Sections with text, in order; Lessons learned only in the internal variant. */
  sections: { key: PostmortemSectionKey; heading: string; markdown: string }[];
  timeline: { columns: string[]; rows: string[][] };
  actionItems: { columns: string[]; rows: string[][] };
}

const SOURCE_LABEL: Readonly<Record<TimelineSource, string>> = {
  probe: "Probe",
  engineer: "Engineer",
  system: "System",
};
const person = (p: { name: string | null; email: string } | null) => (p ? (p.name ?? p.email) : "—");

function header(source: DocumentSource, variant: ExportVariant): [string, string][] {
  const i = source.incident;
  const meta: [string, string][] = [
    ["Incident", i.title],
    ["Priority", `${i.priority}, ${i.tier === "TIER_1" ? "tier 1" : "tier 2"}`],
    ["Started", formatUtcDateTime(i.startedAt)],
    [
      "Resolved",
      i.resolvedAt
        ? `${formatUtcDateTime(i.resolvedAt)} (after ${formatDuration(Math.max(0, i.resolvedAt.getTime() - i.startedAt.getTime()))})`
        : "Not yet",
    ],
    ["State", POSTMORTEM_STATE_LABEL[source.state]],
  ];
  if (source.firstPublishedAt) meta.push(["Published", formatUtcDate(source.firstPublishedAt)]);
  if (source.publishedAt && source.firstPublishedAt && source.publishedAt > source.firstPublishedAt)
    meta.push(["Updated", formatUtcDate(source.publishedAt)]);
  if (variant === "internal") meta.push(["Owner", person(source.owner)], ["Version", "Internal: not for customers"]);
  else meta.push(["Version", "Public"]);
  return meta;
}

export function postmortemDocument(source: DocumentSource, variant: ExportVariant): PostmortemDocument {
  const internal = variant === "internal";
  const sections = POSTMORTEM_SECTION_DEFINITIONS.filter((s) => internal || !s.internal)
    .map(({ key, heading }) => ({ key, heading, markdown: source.sections[key] }))
    .filter((s) => s.markdown.trim() !== "");
  const entries = [...source.timeline]
    .filter((e) => internal || !e.hidden)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const timelineColumns = internal ? ["Time (UTC)", "Source", "Entry", "Notes"] : ["Time (UTC)", "Source", "Entry"];
  const timelineRows = entries.map((e) => {
    const row = [formatUtcDateTime(e.at), SOURCE_LABEL[e.source], e.text];
    return internal
      ? [...row, [e.starred ? "Starred" : "", e.hidden ? "Hidden from public" : ""].filter(Boolean).join(", ")]
      : row;
  });
  const items = source.actionItems.filter((a) => internal || a.isPublic);
  const itemColumns = internal
    ? ["Action item", "Owner", "Due", "Priority", "Type", "State", "Tracker"]
    : ["Action item", "Due", "Priority", "Type", "State"];
  const itemRows = items.map((a) => {
    const state =
      a.state === "wont_do" && a.wontDoReason && internal
        ? `${ACTION_ITEM_STATE_LABEL[a.state]}: ${a.wontDoReason}`
        : ACTION_ITEM_STATE_LABEL[a.state];
    const due = a.dueDate ? formatUtcDate(a.dueDate) : "—";
    return internal
      ? [a.title, person(a.owner), due, a.priority, ACTION_ITEM_TYPE_LABEL[a.type], state, a.trackerUrl ?? ""]
      : [a.title, due, a.priority, ACTION_ITEM_TYPE_LABEL[a.type], state];
  });
  return {
    variant,
    title: `Postmortem: ${source.incident.title}`,
    meta: header(source, variant),
    sections,
    timeline: { columns: timelineColumns, rows: timelineRows },
    actionItems: { columns: itemColumns, rows: itemRows },
  };
}
