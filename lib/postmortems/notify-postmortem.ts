// The outbox write for a published postmortem: one event, fanned out after
// commit to every subscriber whose scope covers the incident's ComponentRegions.
import type { Prisma } from "../db.ts";
import { markdownToText } from "../markdown/render.ts";
import { enqueueEvent } from "../notifications/enqueue.ts";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** What subscribers read: the incident's title, the summary as plain text, the affected ComponentRegions. */
export interface PostmortemEvent {
  postmortemId: string;
  incident: { id: string; title: string; impact: "none" | "minor" | "major" | "critical" };
  summaryMarkdown: string;
  affected: { componentRegionId: string; component: string; region: string }[];
  revision: number;
  at: Date;
}

const MAX_MESSAGE = 4_000;

/**
 * Revision 1 dedupes as `postmortem_published:<id>:1`, a republication as `…:<revision>`. Returns whether the event
 * was queued (false on a repeat); its subscribers' rows follow after commit (lib/notifications/fan-out.ts).
 */
export async function notifyPostmortemSubscribers(tx: Tx, event: PostmortemEvent): Promise<boolean> {
  const text = markdownToText(event.summaryMarkdown).trim();
  const enqueued = await enqueueEvent(tx, {
    kind: "postmortem_published",
    incidentId: event.incident.id,
    postmortemId: event.postmortemId,
    dedupeKey: `postmortem_published:${event.postmortemId}:${event.revision}`,
    componentRegionIds: event.affected.map((a) => a.componentRegionId),
    payload: {
      title: event.incident.title,
      path: `/incidents/${event.incident.id}`,
      status: event.revision > 1 ? "postmortem_updated" : "postmortem_published",
      impact: event.incident.impact,
      message: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text,
      affected: event.affected.map((a) => ({ component: a.component, region: a.region, status: "operational" })),
      at: event.at.toISOString(),
    },
  });
  return enqueued !== null;
}
