// The console's postmortem: everything, Lessons learned included, with what
// the actor may do. A due date gone stale (the incident resolved, or changed
// priority, after the postmortem was started) is recomputed on the way.
import type { Db, Prisma } from "../db.ts";
import {
  postmortemDueAt,
  postmortemPolicyStatus,
  type PostmortemPolicySettings,
  mayMarkNotRequired,
} from "../domain/postmortem-policy.ts";
import { checkApprove } from "../domain/postmortem-review.ts";
import type { PostmortemSections } from "../domain/postmortem-sections.ts";
import type { PublishedPostmortemSnapshot } from "../domain/postmortem-snapshot-format.ts";
import { highestTier } from "../domain/priority.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { componentRegionSelect } from "../incidents/get-incident.ts";
import { refreshFromRecord } from "./refresh-from-record.ts";
import { postmortemPolicySettings } from "./settings.ts";
import type { ImpactReport, PostmortemPermissions, PostmortemView } from "./types.ts";
import {
  actionItemInclude,
  timelineEntryInclude,
  timelineOrder,
  toActionItemView,
  toTimelineEntryView,
  userRefSelect,
} from "./views.ts";

export type PostmortemRef = { postmortemId: string } | { incidentId: string };

export const postmortemViewInclude = {
  incident: { include: { componentRegions: { include: { componentRegion: { select: componentRegionSelect } } } } },
  author: { select: userRefSelect },
  reviewer: { select: userRefSelect },
  owner: { select: userRefSelect },
  timeline: { orderBy: timelineOrder, include: timelineEntryInclude },
  actionItems: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: actionItemInclude },
  revisions: {
    orderBy: { revision: "desc" },
    select: { id: true, revision: true, publishedAt: true, publishedBy: { select: userRefSelect } },
  },
} satisfies Prisma.PostmortemInclude;

type PostmortemRow = Prisma.PostmortemGetPayload<{ include: typeof postmortemViewInclude }>;
type Reader = Pick<Prisma.TransactionClient, "postmortem">;

function permissionsFor(actor: Actor, row: PostmortemRow): PostmortemPermissions {
  const write = can(actor.role, "postmortem.write");
  const mayReview = can(actor.role, "postmortem.review");
  const approveCheck = checkApprove(row.state, row.authorId, actor.id);
  const approveBlockedReason = !mayReview
    ? "Only engineers and admins review postmortems."
    : approveCheck.ok
      ? null
      : approveCheck.reason;
  return {
    write,
    submit: write && row.state === "draft",
    approve: approveBlockedReason === null,
    approveBlockedReason,
    publish: can(actor.role, "postmortem.publish") && row.state === "approved",
    markNotRequired: write && mayMarkNotRequired(row.incident.priority),
  };
}

export function sectionsOf(row: PostmortemSections): PostmortemSections {
  const { summary, leadup, fault, impact, detection, rootCause, mitigation, correctiveMeasures, lessonsLearned } = row;
  return { summary, leadup, fault, impact, detection, rootCause, mitigation, correctiveMeasures, lessonsLearned };
}

export function toPostmortemView(
  row: PostmortemRow,
  actor: Actor,
  now: Date,
  settings: PostmortemPolicySettings,
): PostmortemView {
  const incident = row.incident;
  const componentRegions = incident.componentRegions.map(({ componentRegion: cr }) => ({
    componentRegionId: cr.id,
    componentName: cr.component.name,
    regionName: cr.region.name,
    tier: cr.component.tier,
  }));
  return {
    id: row.id,
    incidentId: row.incidentId,
    state: row.state,
    version: row.version,
    sections: sectionsOf(row),
    impactReport: (row.impactReport as ImpactReport | null) ?? null,
    dueAt: row.notRequired ? null : postmortemDueAt(incident.priority, incident.resolvedAt, settings),
    policyStatus: postmortemPolicyStatus(incident, row, now, settings),
    notRequired: row.notRequired,
    notRequiredReason: row.notRequiredReason,
    published: (row.published as PublishedPostmortemSnapshot | null) ?? null,
    publishedAt: row.publishedAt,
    firstPublishedAt: row.firstPublishedAt,
    publishCount: row.publishCount,
    hasUnpublishedChanges: row.firstPublishedAt !== null && row.state !== "published",
    submittedAt: row.submittedAt,
    approvedAt: row.approvedAt,
    author: row.author,
    reviewer: row.reviewer,
    owner: row.owner,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    incident: {
      id: incident.id,
      title: incident.title,
      status: incident.status,
      impact: incident.impact,
      priority: incident.priority,
      source: incident.source,
      review: incident.review,
      tier: highestTier(componentRegions.map((cr) => cr.tier)),
      startedAt: incident.startedAt,
      detectedAt: incident.detectedAt,
      acknowledgedAt: incident.acknowledgedAt,
      mitigatedAt: incident.mitigatedAt,
      resolvedAt: incident.resolvedAt,
      componentRegions,
    },
    timeline: row.timeline.map(toTimelineEntryView),
    actionItems: row.actionItems.map((item) => toActionItemView(item, now)),
    revisions: row.revisions,
    permissions: permissionsFor(actor, row),
  };
}

function whereOf(ref: PostmortemRef): Prisma.PostmortemWhereUniqueInput {
  return "postmortemId" in ref ? { id: ref.postmortemId } : { incidentId: ref.incidentId };
}

/** Inside a transaction too, so that a conflict reports what the winner committed. */
export async function loadPostmortemView(
  tx: Reader,
  actor: Actor,
  ref: PostmortemRef,
  now: Date,
  settings: PostmortemPolicySettings = postmortemPolicySettings(),
): Promise<PostmortemView | null> {
  const row = await tx.postmortem.findUnique({ where: whereOf(ref), include: postmortemViewInclude });
  return row ? toPostmortemView(row, actor, now, settings) : null;
}

/**
 * The record moved on since the postmortem last read it: the incident changed
 * (an update, its resolution) or is still open. A row that only carries a
 * "not required" mark is left alone.
 */
function isStale(row: PostmortemRow): boolean {
  const report = row.impactReport as ImpactReport | null;
  if (!report) return false;
  return (
    report.window.ongoing || !report.refreshedAt || Date.parse(report.refreshedAt) < row.incident.updatedAt.getTime()
  );
}

/** null when there is no such postmortem; FORBIDDEN without console.read. Follows the record first when it moved on (refreshFromRecord). */
export async function getPostmortemForConsole(
  db: Db,
  actor: Actor,
  ref: PostmortemRef,
  options: { now?: Date } = {},
): Promise<PostmortemView | null> {
  if (!can(actor.role, "console.read")) throw new AppError("FORBIDDEN", "Only signed-in staff read postmortems.");
  const now = options.now ?? new Date();
  let row = await db.postmortem.findUnique({ where: whereOf(ref), include: postmortemViewInclude });
  if (!row) return null;
  if (isStale(row)) {
    await refreshFromRecord(db, null, { postmortemId: row.id }, { now });
    row = (await db.postmortem.findUnique({ where: { id: row.id }, include: postmortemViewInclude }))!;
  }
  const view = toPostmortemView(row, actor, now, postmortemPolicySettings());
  // Stored for the "due" index and lists; a plain write, not a change anyone made.
  if (row.dueAt?.getTime() !== view.dueAt?.getTime())
    await db.postmortem.updateMany({ where: { id: row.id }, data: { dueAt: view.dueAt } });
  return view;
}
