// The demo's stories on top of its 90-day history: the incidents the history's
// outages imply, run through the real verbs (proposal → approval → updates →
// resolution) at the times they happened, their postmortems in different
// states, and the SLA contracts and statements (lib/seed/seed-sla-stories.ts). Idempotent, so an existing .data/ gains them on the next
// `npm run demo` without a reset.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { componentRegionEvidence, sampleErrors } from "../domain/detection.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";
import { approveProposal } from "../incidents/approve-proposal.ts";
import { postIncidentUpdate } from "../incidents/post-incident-update.ts";
import { priorityOf } from "../incidents/affected-component-regions.ts";
import { componentRegionSelect, toAffected } from "../incidents/get-incident.ts";
import { suggestedImpact } from "../domain/detection.ts";
import { DEMO_USERS } from "../platform/demo-people.ts";
import { addTimelineEntry } from "../postmortems/add-timeline-entry.ts";
import { approvePostmortem } from "../postmortems/approve-postmortem.ts";
import { createActionItem } from "../postmortems/create-action-item.ts";
import { createPostmortem } from "../postmortems/create-postmortem.ts";
import { markNotRequired } from "../postmortems/mark-not-required.ts";
import { publishPostmortem } from "../postmortems/publish-postmortem.ts";
import { savePostmortem } from "../postmortems/save-postmortem.ts";
import { submitForReview } from "../postmortems/submit-for-review.ts";
import { transitionActionItem } from "../postmortems/transition-action-item.ts";
import { type DemoIncident, DEMO_INCIDENTS } from "./demo-incidents.ts";
import { type DemoPostmortem, DEMO_POSTMORTEMS } from "./demo-postmortems.ts";
import { seedDemoContracts, seedDemoStatements } from "./seed-sla-stories.ts";
import { seedDemoBurnAlerts } from "./seed-slo-stories.ts";
import { seedDemoSubscribers } from "./seed-subscribers.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

export async function demoActor(db: Db, email: string): Promise<Actor> {
  const spec = DEMO_USERS.find((u) => u.email === email);
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: spec?.name ?? email, role: spec?.role ?? "ENGINEER" },
    update: {},
  });
  return { id: user.id, email: user.email, role: user.role };
}

interface Outage {
  startedAt: Date;
  endedAt: Date;
  componentRegions: { id: string; status: ComponentStatus; change: { at: Date; evidence: unknown } }[];
}

/** The outage as the history recorded it: its first and last status change, and what it hit. */
async function findOutage(db: Db, historyKey: string): Promise<Outage | null> {
  const changes = await db.statusChange.findMany({
    where: { source: "probes", evidence: { path: ["incident"], equals: historyKey } },
    orderBy: { at: "asc" },
  });
  if (changes.length === 0) return null;
  const hit = new Map<string, Outage["componentRegions"][number]>();
  for (const c of changes) {
    if (c.toStatus && c.toStatus !== "operational" && !hit.has(c.componentRegionId)) {
      hit.set(c.componentRegionId, { id: c.componentRegionId, status: c.toStatus, change: c });
    }
  }
  if (hit.size === 0) return null;
  return { startedAt: changes[0]!.at, endedAt: changes.at(-1)!.at, componentRegions: [...hit.values()] };
}

async function seedIncident(db: Db, story: DemoIncident, actor: Actor): Promise<boolean> {
  if (await db.incident.findUnique({ where: { id: story.id }, select: { id: true } })) return false;
  const outage = await findOutage(db, story.historyKey);
  if (!outage) return false;

  const rows = await db.componentRegion.findMany({
    where: { id: { in: outage.componentRegions.map((c) => c.id) } },
    select: componentRegionSelect,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const affected = outage.componentRegions.map((c) => toAffected(byId.get(c.id)!, c.status));
  const impact = suggestedImpact(affected.map((a) => a.status));
  const evidence = outage.componentRegions.map((c) => {
    const row = byId.get(c.id)!;
    return componentRegionEvidence(
      {
        componentRegionId: c.id,
        componentKey: row.component.key,
        regionKey: row.region.key,
        status: c.status,
        since: c.change.at,
      },
      c.change,
    );
  });
  const detectedAt = new Date(outage.startedAt.getTime() + story.detectedAfterMinutes * MINUTE);
  await db.incident.create({
    data: {
      id: story.id,
      title: story.title,
      impact,
      priority: priorityOf(impact, affected),
      source: "detected",
      review: "proposed",
      status: "investigating",
      startedAt: outage.startedAt,
      detectedAt,
      evidence: { componentRegions: evidence, sampleErrors: sampleErrors(evidence) } as object,
      createdAt: detectedAt,
      componentRegions: {
        create: affected.map((a) => ({
          componentRegionId: a.componentRegionId,
          status: a.status,
          addedAt: detectedAt,
        })),
      },
    },
  });

  const [first, ...rest] = story.updates;
  const approvedAt = new Date(detectedAt.getTime() + story.approvedAfterMinutes * MINUTE);
  let incident = await approveProposal(
    db,
    actor,
    { incidentId: story.id, expectedVersion: 0, title: story.title, message: first!.message, notifySubscribers: false },
    { now: approvedAt },
  );
  for (const update of rest) {
    const base = update.fromEnd ? outage.endedAt : outage.startedAt;
    const at = new Date(base.getTime() + update.minutes * MINUTE);
    incident = await postIncidentUpdate(
      db,
      actor,
      {
        incidentId: story.id,
        expectedVersion: incident.version,
        status: update.status,
        message: update.message,
        notifySubscribers: false,
      },
      { now: at },
    );
  }
  return true;
}

/**
 * The author writes over the pre-filled drafts a day after resolution, a second
 * engineer reviews; each step goes through the verb a person would use.
 */
async function seedPostmortem(db: Db, story: DemoPostmortem, author: Actor, reviewer: Actor): Promise<boolean> {
  const incident = await db.incident.findUnique({
    where: { id: story.incidentId },
    select: { resolvedAt: true, startedAt: true, postmortem: { select: { id: true } } },
  });
  if (!incident?.resolvedAt || incident.postmortem) return false;
  const at = (days: number) => new Date(incident.resolvedAt!.getTime() + days * DAY);
  if (story.target === "not_required") {
    await markNotRequired(
      db,
      author,
      { incidentId: story.incidentId, reason: story.notRequiredReason! },
      { now: at(0.5) },
    );
    return true;
  }
  let postmortem = await createPostmortem(db, author, { incidentId: story.incidentId }, { now: at(1) });
  postmortem = await savePostmortem(
    db,
    author,
    { postmortemId: postmortem.id, expectedVersion: postmortem.version, ...story.sections },
    { now: at(1.1) },
  );
  for (const entry of story.timeline ?? []) {
    await addTimelineEntry(
      db,
      author,
      {
        postmortemId: postmortem.id,
        at: new Date(incident.startedAt.getTime() + entry.minutes * MINUTE),
        text: entry.text,
      },
      { now: at(1.1) },
    );
  }
  for (const item of story.actionItems ?? []) {
    const owner = await demoActor(db, item.owner);
    const { state, dueDaysAfterResolution, owner: _, ...fields } = item;
    const created = await createActionItem(
      db,
      author,
      { postmortemId: postmortem.id, ownerId: owner.id, dueDate: at(dueDaysAfterResolution), ...fields },
      { now: at(1.2) },
    );
    if (state === "in_progress" || state === "done")
      await transitionActionItem(db, owner, { actionItemId: created.id, to: "in_progress" }, { now: at(1.5) });
    if (state === "done")
      await transitionActionItem(db, owner, { actionItemId: created.id, to: "done" }, { now: at(2.5) });
  }
  if (story.target === "draft") return true;
  postmortem = await submitForReview(db, author, { postmortemId: postmortem.id }, { now: at(2) });
  if (story.target === "in_review") return true;
  await approvePostmortem(db, reviewer, { postmortemId: postmortem.id }, { now: at(2.6) });
  await publishPostmortem(db, reviewer, { postmortemId: postmortem.id }, { now: at(3) });
  return true;
}

/** Adds whatever of the demo's stories is missing; returns what it wrote. */
export async function seedDemoStories(
  db: Db,
  now: Date = new Date(),
): Promise<{ incidents: string[]; postmortems: string[]; statements: number; restated: boolean }> {
  const engineer = await demoActor(db, "engineer@bellwether.test");
  const reviewer = await demoActor(db, "oncall@bellwether.test");
  const incidents: string[] = [];
  for (const story of DEMO_INCIDENTS) {
    if (await seedIncident(db, story, engineer)) incidents.push(story.id);
  }
  const manager = await demoActor(db, "account.manager@bellwether.test");
  await seedDemoContracts(db, manager, now);
  const postmortems: string[] = [];
  for (const story of DEMO_POSTMORTEMS) {
    if (await seedPostmortem(db, story, engineer, reviewer)) postmortems.push(story.incidentId);
  }
  const sla = await seedDemoStatements(db, manager, now);
  await seedDemoBurnAlerts(db, now);
  // After the incidents, so that the readers' delivery history points at the demo's own events.
  await seedDemoSubscribers(db, now);
  return { incidents, postmortems, statements: sla.issued, restated: sla.restated };
}
