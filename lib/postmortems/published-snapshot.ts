// The published version of a postmortem: what readers see until it is
// published again. Pure. Lessons learned, hidden timeline entries and private
// action items never enter it; Markdown is rendered (sanitised) once, here.
import type { ActionItemState, ActionItemType, Priority, TimelineSource } from "../generated/prisma/enums.ts";
import { renderMarkdown } from "../markdown/render.ts";
import { type ImpactReport, publicImpact } from "../domain/postmortem-impact.ts";
import { type PostmortemSections, publicSectionDefinitions } from "../domain/postmortem-sections.ts";
import {
  type PublishedPostmortemSnapshot,
  type PublishedSectionSnapshot,
  SNAPSHOT_FORMAT,
} from "../domain/postmortem-snapshot-format.ts";

export interface SnapshotSource {
  revision: number;
  incident: { id: string; title: string; priority: Priority; startedAt: Date; resolvedAt: Date | null };
  sections: PostmortemSections;
  impactReport: ImpactReport | null;
  timeline: readonly { at: Date; source: TimelineSource; text: string; hidden: boolean }[];
  actionItems: readonly {
    title: string;
    type: ActionItemType;
    priority: Priority;
    state: ActionItemState;
    dueDate: Date | null;
    completedAt: Date | null;
    isPublic: boolean;
  }[];
  publishedAt: Date;
  firstPublishedAt: Date;
}

/** Section headings are <h2> on the page, so a section's own Markdown headings start at <h3>. */
const renderSection = (markdown: string) => renderMarkdown(markdown, { headingLevel: 3 });

export function buildPublishedSnapshot(
  source: SnapshotSource,
  render: (markdown: string) => string = renderSection,
): PublishedPostmortemSnapshot {
  const sections = publicSectionDefinitions().flatMap(({ key, heading }): PublishedSectionSnapshot[] => {
    const markdown = source.sections[key];
    return markdown.trim() === ""
      ? []
      : [{ key: key as PublishedSectionSnapshot["key"], heading, markdown, html: render(markdown) }];
  });
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    format: SNAPSHOT_FORMAT,
    revision: source.revision,
    incident: {
      ...source.incident,
      startedAt: source.incident.startedAt.toISOString(),
      resolvedAt: iso(source.incident.resolvedAt),
    },
    sections,
    impact: source.impactReport ? publicImpact(source.impactReport) : null,
    timeline: [...source.timeline]
      .filter((e) => !e.hidden)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => ({ at: e.at.toISOString(), source: e.source, text: e.text, html: render(e.text) })),
    actionItems: source.actionItems
      .filter((a) => a.isPublic)
      .map((a) => ({
        title: a.title,
        type: a.type,
        priority: a.priority,
        state: a.state,
        dueDate: iso(a.dueDate),
        completedAt: iso(a.completedAt),
      })),
    publishedAt: source.publishedAt.toISOString(),
    firstPublishedAt: source.firstPublishedAt.toISOString(),
  };
}
