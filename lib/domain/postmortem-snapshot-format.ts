// The shape of a published postmortem (Postmortem.published and each
// PostmortemRevision.snapshot): what readers see, frozen at publication.
// Written by lib/postmortems/publish-postmortem.ts, read by
// lib/domain/published-postmortem.ts. Times are ISO strings (it is JSON).
import type {
  ActionItemState,
  ActionItemType,
  ComponentStatus,
  Priority,
  Tier,
  TimelineSource,
} from "../generated/prisma/enums.ts";
import type { PostmortemSectionKey } from "./postmortem-sections.ts";

export const SNAPSHOT_FORMAT = "bellwether.postmortem/2" as const;

export interface PublishedSectionSnapshot {
  key: Exclude<PostmortemSectionKey, "lessonsLearned">;
  heading: string;
  markdown: string;
  /** Sanitised HTML from lib/markdown/render.ts. */
  html: string;
}

export interface PublishedImpactSnapshot {
  /** Minutes from start to resolution (or to publication, if still open). */
  durationMinutes: number;
  componentRegions: {
    component: string;
    region: string;
    tier: Tier;
    /** Minutes in each confirmed status during the incident; statuses with none are left out. */
    minutes: Partial<Record<ComponentStatus | "unknown", number>>;
  }[];
}

export interface PublishedTimelineEntrySnapshot {
  at: string;
  source: TimelineSource;
  text: string;
  html: string;
}

export interface PublishedActionItemSnapshot {
  title: string;
  type: ActionItemType;
  priority: Priority;
  state: ActionItemState;
  dueDate: string | null;
  completedAt: string | null;
}

export interface PublishedPostmortemSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** 1 for the first publication, then one more per republication. */
  revision: number;
  incident: { id: string; title: string; priority: Priority; startedAt: string; resolvedAt: string | null };
  /** Public sections with text, in reading order. Lessons learned is never here. */
  sections: PublishedSectionSnapshot[];
  impact: PublishedImpactSnapshot | null;
  /** Oldest first; hidden entries left out. */
  timeline: PublishedTimelineEntrySnapshot[];
  /** Public action items only. */
  actionItems: PublishedActionItemSnapshot[];
  publishedAt: string;
  firstPublishedAt: string;
}
