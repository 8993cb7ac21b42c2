// The console's postmortem lists by review state (drafts, in review, approved,
// published), newest change first. Due and overdue ones come from
// list-postmortems-due.ts, which follows the policy.
import { z } from "zod";
import type { Db } from "../db.ts";
import { postmortemPolicyStatus, type PostmortemPolicyStatus } from "../domain/postmortem-policy.ts";
import { can, type Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { PostmortemState, Priority } from "../generated/prisma/enums.ts";
import { parseInput } from "../parse-input.ts";
import { postmortemPolicySettings } from "./settings.ts";
import type { UserRef } from "./types.ts";
import { userRefSelect } from "./views.ts";

export const listConsolePostmortemsInput = z.object({
  states: z.array(z.enum(["draft", "in_review", "approved", "published"])).min(1),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ListConsolePostmortemsInput = z.input<typeof listConsolePostmortemsInput>;

export interface ConsolePostmortemRow {
  postmortemId: string;
  incidentId: string;
  incidentTitle: string;
  priority: Priority;
  state: PostmortemState;
  policyStatus: PostmortemPolicyStatus;
  dueAt: Date | null;
  resolvedAt: Date | null;
  updatedAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  publishCount: number;
  author: UserRef | null;
  owner: UserRef | null;
  reviewer: UserRef | null;
}

export async function listConsolePostmortems(
  db: Db,
  actor: Actor,
  input: ListConsolePostmortemsInput,
  now: Date,
): Promise<ConsolePostmortemRow[]> {
  if (!can(actor.role, "console.read")) throw new AppError("FORBIDDEN", "Only signed-in staff read postmortems.");
  const { states, limit } = parseInput(listConsolePostmortemsInput, input);
  const settings = postmortemPolicySettings();
  const rows = await db.postmortem.findMany({
    where: { state: { in: states }, notRequired: false },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      state: true,
      dueAt: true,
      notRequired: true,
      updatedAt: true,
      submittedAt: true,
      publishedAt: true,
      firstPublishedAt: true,
      publishCount: true,
      author: { select: userRefSelect },
      owner: { select: userRefSelect },
      reviewer: { select: userRefSelect },
      incident: { select: { id: true, title: true, priority: true, resolvedAt: true } },
    },
  });
  return rows.map((row) => ({
    postmortemId: row.id,
    incidentId: row.incident.id,
    incidentTitle: row.incident.title,
    priority: row.incident.priority,
    state: row.state,
    policyStatus: postmortemPolicyStatus(row.incident, row, now, settings),
    dueAt: row.dueAt,
    resolvedAt: row.incident.resolvedAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    publishedAt: row.publishedAt,
    publishCount: row.publishCount,
    author: row.author,
    owner: row.owner,
    reviewer: row.reviewer,
  }));
}
