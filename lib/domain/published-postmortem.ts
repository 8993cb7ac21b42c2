// The public reading of a postmortem: the snapshot taken when it was last
// published (Postmortem.published). Reads the current format (sections with
// sanitised HTML, timeline, action items; postmortem-snapshot-format.ts) and
// the older one (plain-text fields). Anything unexpected is left out rather
// than shown half-understood.
import type { ActionItemState, ActionItemType, Priority, TimelineSource } from "../generated/prisma/enums.ts";
import { publicSectionDefinitions } from "./postmortem-sections.ts";
import { type PublishedImpactSnapshot, SNAPSHOT_FORMAT } from "./postmortem-snapshot-format.ts";

/** The public sections, in reading order, with their headings. */
export const POSTMORTEM_SECTIONS: readonly { key: string; heading: string }[] = Object.freeze(
  publicSectionDefinitions().map(({ key, heading }) => ({ key, heading })),
);

export interface PostmortemSection {
  key: string;
  heading: string;
  /** Blank-line separated paragraphs of the source text; single line breaks stay inside a paragraph. */
  paragraphs: string[];
  /** Sanitised HTML rendered at publication; null for snapshots of the older, plain-text format. */
  html: string | null;
}

export interface PublishedTimelineEntry {
  at: Date;
  source: TimelineSource;
  text: string;
  html: string | null;
}

export interface PublishedActionItem {
  title: string;
  type: ActionItemType;
  priority: Priority;
  state: ActionItemState;
  dueDate: Date | null;
  completedAt: Date | null;
}

export interface PublishedPostmortem {
  sections: PostmortemSection[];
  timeline: PublishedTimelineEntry[];
  actionItems: PublishedActionItem[];
  impact: PublishedImpactSnapshot | null;
  /** 1 for the first publication; 0 when the snapshot does not say. */
  revision: number;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  /** The latest publication when it was republished: readers see "Updated <date>". */
  updatedAt: Date | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const SOURCES: readonly string[] = ["probe", "engineer", "system"];
const STATES: readonly string[] = ["open", "in_progress", "done", "wont_do"];
const TYPES: readonly string[] = ["mitigate", "prevent", "detect", "process"];
const PRIORITIES: readonly string[] = ["P1", "P2", "P3", "P4"];

function date(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Current format: an array of { key, markdown, html }, kept in POSTMORTEM_SECTIONS order. */
function sectionsFromList(list: unknown[]): PostmortemSection[] {
  const byKey = new Map(list.filter(isRecord).map((s) => [s.key, s]));
  return POSTMORTEM_SECTIONS.flatMap(({ key, heading }) => {
    const s = byKey.get(key);
    const markdown = s ? str(s.markdown) : null;
    if (markdown === null) return [];
    const paragraphs = paragraphsOf(markdown);
    return paragraphs.length > 0 ? [{ key, heading, paragraphs, html: str(s!.html) }] : [];
  });
}

/** Older format: each section a string at the top level or under `sections`. */
function sectionsFromFields(snapshot: Record<string, unknown>): PostmortemSection[] {
  const source = isRecord(snapshot.sections) ? { ...snapshot, ...snapshot.sections } : snapshot;
  return POSTMORTEM_SECTIONS.flatMap(({ key, heading }) => {
    const text = str(source[key]);
    const paragraphs = text === null ? [] : paragraphsOf(text);
    return paragraphs.length > 0 ? [{ key, heading, paragraphs, html: null }] : [];
  });
}

/** The sections with text, in order; null when the snapshot holds none. */
export function publishedSections(snapshot: unknown): PostmortemSection[] | null {
  if (!isRecord(snapshot)) return null;
  const sections = Array.isArray(snapshot.sections)
    ? sectionsFromList(snapshot.sections)
    : sectionsFromFields(snapshot);
  return sections.length > 0 ? sections : null;
}

function timelineOf(value: unknown): PublishedTimelineEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((e) => {
    const at = date(e.at);
    const text = str(e.text);
    if (!at || text === null || !SOURCES.includes(e.source as string)) return [];
    return [{ at, source: e.source as TimelineSource, text, html: str(e.html) }];
  });
}

function actionItemsOf(value: unknown): PublishedActionItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((a) => {
    const title = str(a.title);
    if (title === null || !STATES.includes(a.state as string)) return [];
    return [
      {
        title,
        type: (TYPES.includes(a.type as string) ? a.type : "prevent") as ActionItemType,
        priority: (PRIORITIES.includes(a.priority as string) ? a.priority : "P3") as Priority,
        state: a.state as ActionItemState,
        dueDate: date(a.dueDate),
        completedAt: date(a.completedAt),
      },
    ];
  });
}

function impactOf(value: unknown): PublishedImpactSnapshot | null {
  if (!isRecord(value) || typeof value.durationMinutes !== "number" || !Array.isArray(value.componentRegions))
    return null;
  return value as unknown as PublishedImpactSnapshot;
}

/**
 * Everything readers may see of a published postmortem; null when the
 * snapshot has no section with text. `publishedAt` falls back to the
 * column's value for older snapshots that do not carry it.
 */
export function readPublishedPostmortem(
  snapshot: unknown,
  fallback: { publishedAt?: Date | null } = {},
): PublishedPostmortem | null {
  const sections = publishedSections(snapshot);
  if (!sections || !isRecord(snapshot)) return null;
  const current = snapshot.format === SNAPSHOT_FORMAT;
  const publishedAt = date(snapshot.publishedAt) ?? fallback.publishedAt ?? null;
  const firstPublishedAt = date(snapshot.firstPublishedAt) ?? publishedAt;
  const revision = typeof snapshot.revision === "number" && Number.isInteger(snapshot.revision) ? snapshot.revision : 0;
  const republished =
    revision > 1 || (publishedAt !== null && firstPublishedAt !== null && publishedAt > firstPublishedAt);
  return {
    sections,
    timeline: current ? timelineOf(snapshot.timeline) : [],
    actionItems: current ? actionItemsOf(snapshot.actionItems) : [],
    impact: current ? impactOf(snapshot.impact) : null,
    revision,
    publishedAt,
    firstPublishedAt,
    updatedAt: republished ? publishedAt : null,
  };
}
