// A postmortem as publishing leaves it, written straight to the database for
// tests of what readers see (page, API, feeds): the row with its current
// snapshot, one PostmortemRevision per publication, and optionally the
// "postmortem published" event. The snapshot is built by the real pure builder.
import type { Db } from "../../lib/db.ts";
import { POSTMORTEM_SECTION_KEYS, type PostmortemSections } from "../../lib/domain/postmortem-sections.ts";
import { buildPublishedSnapshot, type SnapshotSource } from "../../lib/postmortems/published-snapshot.ts";

export interface PublishedPostmortemSpec {
  incidentId: string;
  sections: Partial<PostmortemSections>;
  /** One publication each, oldest first. */
  publications: Date[];
  timeline?: SnapshotSource["timeline"];
  actionItems?: SnapshotSource["actionItems"];
  notifiedSubscribers?: boolean;
}

export async function makePublishedPostmortem(
  db: Db,
  spec: PublishedPostmortemSpec,
): Promise<{ postmortemId: string }> {
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: spec.incidentId },
    select: { id: true, title: true, priority: true, startedAt: true, resolvedAt: true },
  });
  const sections = {
    ...Object.fromEntries(POSTMORTEM_SECTION_KEYS.map((k) => [k, ""])),
    ...spec.sections,
  } as PostmortemSections;
  const first = spec.publications[0]!;
  const snapshots = spec.publications.map((publishedAt, i) =>
    buildPublishedSnapshot({
      revision: i + 1,
      incident,
      sections,
      impactReport: null,
      timeline: spec.timeline ?? [],
      actionItems: spec.actionItems ?? [],
      publishedAt,
      firstPublishedAt: first,
    }),
  );
  const last = spec.publications.at(-1)!;
  const postmortem = await db.postmortem.create({
    data: {
      incidentId: incident.id,
      state: "published",
      ...sections,
      published: snapshots.at(-1) as object,
      publishedAt: last,
      firstPublishedAt: first,
      publishCount: snapshots.length,
      revisions: {
        create: snapshots.map((snapshot, i) => ({
          revision: i + 1,
          snapshot: snapshot as object,
          publishedAt: spec.publications[i]!,
        })),
      },
    },
  });
  if (spec.notifiedSubscribers) {
    await db.notificationEvent.create({
      data: {
        kind: "postmortem_published",
        incidentId: incident.id,
        postmortemId: postmortem.id,
        dedupeKey: `postmortem_published:${postmortem.id}:1`,
        payload: {
          title: incident.title,
          path: `/incidents/${incident.id}#postmortem`,
          status: "resolved",
          message: sections.summary,
          affected: [],
          at: first.toISOString(),
        },
      },
    });
  }
  return { postmortemId: postmortem.id };
}
