// Where each incident's postmortem stands, for the console's incident list and
// incident page: policy status, review state, owner, due date and age. One query
// for every incident asked for.
import type { Db } from "../db.ts";
import {
  postmortemAgeMs,
  postmortemDueAt,
  type PostmortemPolicyStatus,
  postmortemPolicyStatus,
} from "../domain/postmortem-policy.ts";
import type { PostmortemState } from "../generated/prisma/enums.ts";
import { postmortemPolicySettings } from "./settings.ts";
import type { UserRef } from "./types.ts";
import { userRefSelect } from "./views.ts";

export interface PostmortemSummary {
  postmortemId: string | null;
  state: PostmortemState | null;
  status: PostmortemPolicyStatus;
  owner: UserRef | null;
  dueAt: Date | null;
  /** Since the incident was resolved; null while it is open. */
  ageMs: number | null;
  publishedAt: Date | null;
}

export async function postmortemSummaries(
  db: Db,
  incidentIds: readonly string[],
  now: Date,
): Promise<Map<string, PostmortemSummary>> {
  if (incidentIds.length === 0) return new Map();
  const settings = postmortemPolicySettings();
  const rows = await db.incident.findMany({
    where: { id: { in: [...incidentIds] } },
    select: {
      id: true,
      priority: true,
      resolvedAt: true,
      postmortem: {
        select: {
          id: true,
          state: true,
          notRequired: true,
          firstPublishedAt: true,
          publishedAt: true,
          owner: { select: userRefSelect },
        },
      },
    },
  });
  return new Map(
    rows.map((row) => {
      const pm = row.postmortem;
      return [
        row.id,
        {
          postmortemId: pm?.id ?? null,
          state: pm && !pm.notRequired ? pm.state : null,
          status: postmortemPolicyStatus(row, pm, now, settings),
          owner: pm?.owner ?? null,
          dueAt: postmortemDueAt(row.priority, row.resolvedAt, settings),
          ageMs: postmortemAgeMs(row.resolvedAt, now),
          publishedAt: pm?.publishedAt ?? null,
        },
      ];
    }),
  );
}
