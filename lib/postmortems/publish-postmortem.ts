// Publish an approved postmortem: snapshot the public version for readers,
// keep a revision, announce the change to the public snapshots, and tell
// subscribers the first time (again on a republication only when asked).
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db, Prisma } from "../db.ts";
import type { ImpactReport } from "../domain/postmortem-impact.ts";
import { checkPublish } from "../domain/postmortem-review.ts";
import { buildPublishedSnapshot } from "./published-snapshot.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { announcePublicChange } from "../public/changes.ts";
import { loadPostmortemView, sectionsOf } from "./get-postmortem.ts";
import { notifyPostmortemSubscribers } from "./notify-postmortem.ts";
import { enforce, loadForReview, moveState } from "./review-access.ts";
import type { PostmortemView } from "./types.ts";

export const publishPostmortemInput = z.object({
  postmortemId: z.string().trim().min(1),
  expectedVersion: z.number().int().min(0).optional(),
  /** Republication only: mail subscribers again. The first publication always does. */
  notifySubscribers: z.boolean().default(false),
});
export type PublishPostmortemInput = z.input<typeof publishPostmortemInput>;

async function affectedOf(tx: Prisma.TransactionClient, incidentId: string) {
  const links = await tx.incidentComponentRegion.findMany({
    where: { incidentId },
    select: {
      componentRegionId: true,
      componentRegion: { select: { component: { select: { name: true } }, region: { select: { name: true } } } },
    },
  });
  return links.map((l) => ({
    componentRegionId: l.componentRegionId,
    component: l.componentRegion.component.name,
    region: l.componentRegion.region.name,
  }));
}

export async function publishPostmortem(
  db: Db,
  actor: Actor,
  input: PublishPostmortemInput,
  options: { now?: Date } = {},
): Promise<PostmortemView> {
  if (!can(actor.role, "postmortem.publish"))
    throw new AppError("FORBIDDEN", "Only engineers and admins publish postmortems.");
  const data = parseInput(publishPostmortemInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await loadForReview(tx, actor, data.postmortemId, data.expectedVersion, now);
    enforce(checkPublish(before.state));
    const full = (await loadPostmortemView(tx, actor, { postmortemId: before.id }, now))!;
    const revision = before.publishCount + 1;
    const firstPublishedAt = before.firstPublishedAt ?? now;
    const snapshot = buildPublishedSnapshot({
      revision,
      incident: {
        id: full.incident.id,
        title: full.incident.title,
        priority: full.incident.priority,
        startedAt: full.incident.startedAt,
        resolvedAt: full.incident.resolvedAt,
      },
      sections: sectionsOf(before),
      impactReport: before.impactReport as ImpactReport | null,
      timeline: full.timeline,
      actionItems: full.actionItems,
      publishedAt: now,
      firstPublishedAt,
    });
    await moveState(
      tx,
      actor,
      before.id,
      before.state,
      { state: "published", published: snapshot as object, publishedAt: now, firstPublishedAt, publishCount: revision },
      now,
    );
    await tx.postmortemRevision.create({
      data: {
        postmortemId: before.id,
        revision,
        snapshot: snapshot as object,
        publishedAt: now,
        publishedById: actor.id,
      },
    });
    let notified = false;
    if (revision === 1 || data.notifySubscribers) {
      notified = await notifyPostmortemSubscribers(tx, {
        postmortemId: before.id,
        incident: { id: full.incident.id, title: full.incident.title, impact: full.incident.impact },
        summaryMarkdown: before.summary,
        affected: await affectedOf(tx, before.incidentId),
        revision,
        at: now,
      });
    }
    await recordAudit(tx, actor, {
      action: "postmortem.publish",
      entityType: "Postmortem",
      entityId: before.id,
      before: { state: before.state, publishCount: before.publishCount },
      after: { state: "published", revision, notifySubscribers: revision === 1 || data.notifySubscribers, notified },
    });
    await announcePublicChange(tx, `incident:${before.incidentId}`);
    return (await loadPostmortemView(tx, actor, { postmortemId: before.id }, now))!;
  });
}
