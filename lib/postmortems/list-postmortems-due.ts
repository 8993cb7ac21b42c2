// Postmortems that policy requires and nobody has published yet: missing,
// due and overdue, with owner and age, for the incidents list and console home.
import type { Db } from "../db.ts";
import {
  isOutstanding,
  POSTMORTEM_REQUIRED_PRIORITIES,
  postmortemAgeMs,
  postmortemDueAt,
  type PostmortemPolicyStatus,
  postmortemPolicyStatus,
} from "../domain/postmortem-policy.ts";
import { postmortemPolicySettings } from "./settings.ts";
import type { PostmortemDueRow } from "./types.ts";
import { userRefSelect } from "./views.ts";

const RANK = { overdue: 0, missing: 1, due: 2 } as const;

/** Overdue first, then missing, then due; each by due date. */
export async function listPostmortemsDue(db: Db, now: Date): Promise<PostmortemDueRow[]> {
  const settings = postmortemPolicySettings();
  const incidents = await db.incident.findMany({
    where: {
      review: "approved",
      priority: { in: [...POSTMORTEM_REQUIRED_PRIORITIES] },
      resolvedAt: { not: null },
      OR: [{ postmortem: null }, { postmortem: { firstPublishedAt: null } }],
    },
    select: {
      id: true,
      title: true,
      priority: true,
      resolvedAt: true,
      postmortem: {
        select: { id: true, state: true, notRequired: true, firstPublishedAt: true, owner: { select: userRefSelect } },
      },
    },
  });
  const rows = incidents.flatMap((i): PostmortemDueRow[] => {
    const status = postmortemPolicyStatus(i, i.postmortem, now, settings);
    if (!isOutstanding(status)) return [];
    return [
      {
        incidentId: i.id,
        incidentTitle: i.title,
        priority: i.priority,
        resolvedAt: i.resolvedAt!,
        postmortemId: i.postmortem?.id ?? null,
        state: i.postmortem?.state ?? null,
        status,
        dueAt: postmortemDueAt(i.priority, i.resolvedAt, settings)!,
        ageMs: postmortemAgeMs(i.resolvedAt, now)!,
        owner: i.postmortem?.owner ?? null,
      },
    ];
  });
  return rows.sort((a, b) => RANK[a.status] - RANK[b.status] || a.dueAt.getTime() - b.dueAt.getTime());
}

/** Each incident's postmortem status (for badges on incident lists); incidents not found are absent. */
export async function postmortemStatuses(
  db: Db,
  incidentIds: readonly string[],
  now: Date,
): Promise<Map<string, PostmortemPolicyStatus>> {
  const settings = postmortemPolicySettings();
  const incidents = await db.incident.findMany({
    where: { id: { in: [...incidentIds] } },
    select: {
      id: true,
      priority: true,
      resolvedAt: true,
      postmortem: { select: { state: true, notRequired: true, firstPublishedAt: true } },
    },
  });
  return new Map(incidents.map((i) => [i.id, postmortemPolicyStatus(i, i.postmortem, now, settings)]));
}
