// A published postmortem for bench public-site: the demo's checkout postmortem
// (sections with a table, lists and links, engineer timeline lines, action
// items) written on one of the bench's resolved incidents through the real
// verbs — create (measured from the record), save, review by a second
// engineer, publish — so the page and the PDF export time what readers get.
import type { Db } from "../lib/db.ts";
import type { Actor } from "../lib/domain/roles.ts";
import { addTimelineEntry } from "../lib/postmortems/add-timeline-entry.ts";
import { approvePostmortem } from "../lib/postmortems/approve-postmortem.ts";
import { createActionItem } from "../lib/postmortems/create-action-item.ts";
import { createPostmortem } from "../lib/postmortems/create-postmortem.ts";
import { publishPostmortem } from "../lib/postmortems/publish-postmortem.ts";
import { savePostmortem } from "../lib/postmortems/save-postmortem.ts";
import { submitForReview } from "../lib/postmortems/submit-for-review.ts";
import { DEMO_POSTMORTEMS } from "../lib/seed/demo-postmortems.ts";

async function engineer(db: Db, email: string): Promise<Actor> {
  const user = await db.user.upsert({ where: { email }, create: { email, name: email, role: "ENGINEER" }, update: {} });
  return { id: user.id, email: user.email, role: user.role };
}

/** Publishes a postmortem on the newest resolved incident; returns the incident's and the postmortem's ids. */
export async function publishBenchPostmortem(db: Db, now: Date): Promise<{ incidentId: string; postmortemId: string }> {
  const incident = await db.incident.findFirstOrThrow({
    where: { status: "resolved", review: "approved" },
    orderBy: { startedAt: "desc" },
  });
  const author = await engineer(db, "bench.author@bellwether.test");
  const reviewer = await engineer(db, "bench.reviewer@bellwether.test");
  const story = DEMO_POSTMORTEMS[0]!;
  let postmortem = await createPostmortem(db, author, { incidentId: incident.id }, { now });
  postmortem = await savePostmortem(
    db,
    author,
    { postmortemId: postmortem.id, expectedVersion: postmortem.version, ...story.sections },
    { now },
  );
  for (let i = 0; i < 10; i++) {
    await addTimelineEntry(
      db,
      author,
      {
        postmortemId: postmortem.id,
        at: new Date(incident.startedAt.getTime() + i * 6 * 60_000),
        text: `Engineer note ${i}: checked the failover runbook`,
      },
      { now },
    );
  }
  for (const item of story.actionItems ?? []) {
    const { state: _state, dueDaysAfterResolution, owner: _owner, ...fields } = item;
    await createActionItem(
      db,
      author,
      {
        postmortemId: postmortem.id,
        ownerId: author.id,
        dueDate: new Date(now.getTime() + dueDaysAfterResolution * 86_400_000),
        ...fields,
      },
      { now },
    );
  }
  await submitForReview(db, author, { postmortemId: postmortem.id }, { now });
  await approvePostmortem(db, reviewer, { postmortemId: postmortem.id }, { now });
  await publishPostmortem(db, reviewer, { postmortemId: postmortem.id }, { now });
  return { incidentId: incident.id, postmortemId: postmortem.id };
}
