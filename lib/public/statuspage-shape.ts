// Atlassian Statuspage's public API v2 objects, shaped from plain facts about
// Bellwether's data. Pure; lib/public/statuspage.ts loads the facts.
//
// Mapping (README, "Public status API"): each Product is a component group; each
// ComponentRegion is a component named "<Component> (<region key>)" inside
// its product's group. Statuspage has no "unknown", so a ComponentRegion
// without probe evidence reports "operational" (nothing known to be wrong),
// while the page-level description still says only what was measured.
import { z } from "zod";
import { ACTION_ITEM_STATE_LABEL } from "../domain/postmortem-action-items.ts";
import type { PublishedPostmortem } from "../domain/published-postmortem.ts";
import { type ComponentStatus, overallStatus, worstStatus } from "../domain/status.ts";
import type {
  ComponentRegionFacts,
  IncidentFacts,
  MaintenanceFacts,
  ShapeContext,
  SpAffectedComponent,
  SpComponent,
  SpIncident,
  SpIncidentUpdate,
  SpPostmortemFields,
  SpScheduledMaintenance,
  SpStatus,
} from "./statuspage-types.ts";

// ─── Components ────────────────────────────────────────────────────────────

/** The component's public name: which capability, where. */
export function componentRegionName(componentName: string, regionKey: string): string {
  return `${componentName} (${regionKey})`;
}

const iso = (date: Date) => date.toISOString();
const latest = (dates: readonly Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

/** Groups and their components in page order; rows must arrive in page order, grouped by product. */
export function shapeComponents(pageId: string, rows: readonly ComponentRegionFacts[]): SpComponent[] {
  const groups = new Map<string, ComponentRegionFacts[]>();
  for (const row of rows) groups.set(row.product.id, [...(groups.get(row.product.id) ?? []), row]);

  const out: SpComponent[] = [];
  let groupPosition = 0;
  for (const [groupId, children] of groups) {
    const product = children[0]!.product;
    const statuses = children.map((c) => c.status).filter((s): s is ComponentStatus => s !== null);
    out.push({
      id: groupId,
      name: product.name,
      status: worstStatus(statuses) ?? "operational",
      created_at: iso(product.createdAt),
      updated_at: iso(latest(children.map((c) => c.updatedAt))),
      position: ++groupPosition,
      description: product.description || null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: children.map((c) => c.id),
    });
    children.forEach((row, index) => {
      const description = [row.component.description, `Region: ${row.region.name}.`].filter(Boolean).join(" ");
      out.push({
        id: row.id,
        name: componentRegionName(row.component.name, row.region.key),
        status: row.status ?? "operational",
        created_at: iso(row.createdAt),
        updated_at: iso(row.updatedAt),
        position: index + 1,
        description,
        // Bellwether shows 90-day uptime bars for every component in every region.
        showcase: true,
        start_date: row.createdAt.toISOString().slice(0, 10),
        group_id: groupId,
        page_id: pageId,
        group: false,
        only_show_if_degraded: false,
      });
    });
  }
  return out;
}

/** status.json's block: Statuspage's indicator, with a description that claims only what was measured. */
export function shapeStatus(rows: readonly Pick<ComponentRegionFacts, "status">[]): SpStatus {
  const overall = overallStatus(rows.map((r) => r.status));
  return { indicator: overall.indicator, description: overall.description };
}

// ─── Incidents ─────────────────────────────────────────────────────────────

const componentStatus = z.enum([
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
]);

/**
 * One entry of IncidentUpdate.affected as lib/incidents writes it: the
 * ComponentRegion and the status the incident gives it at that update,
 * optionally the status before. Entries of any other form are skipped.
 */
export const affectedEntrySchema = z.object({
  componentRegionId: z.string(),
  status: componentStatus,
  previousStatus: componentStatus.nullish(),
});

/**
 * Statuspage's affected_components per update, oldest update first. The old
 * status is the one written with the entry, else what the previous update of
 * this incident said for that component, else "operational".
 */
export function affectedComponentsByUpdate(
  updates: readonly { affected: unknown }[],
  components: ReadonlyMap<string, SpComponent>,
): (SpAffectedComponent[] | null)[] {
  const last = new Map<string, ComponentStatus>();
  return updates.map((update) => {
    const entries = Array.isArray(update.affected) ? update.affected : [];
    const shaped: SpAffectedComponent[] = [];
    for (const raw of entries) {
      const parsed = affectedEntrySchema.safeParse(raw);
      if (!parsed.success) continue;
      const { componentRegionId, status, previousStatus } = parsed.data;
      const component = components.get(componentRegionId);
      if (!component) continue;
      shaped.push({
        code: componentRegionId,
        name: component.name,
        old_status: previousStatus ?? last.get(componentRegionId) ?? "operational",
        new_status: status,
      });
      last.set(componentRegionId, status);
    }
    return shaped.length > 0 ? shaped : null;
  });
}

function newestFirst<T>(items: readonly T[]): T[] {
  return [...items].reverse();
}

function oldestFirst<T extends { createdAt: Date }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.createdAt.getTime() - b.item.createdAt.getTime() || a.index - b.index)
    .map(({ item }) => item);
}

function componentsOf(ids: readonly string[], ctx: ShapeContext): SpComponent[] {
  return ids.flatMap((id) => {
    const component = ctx.components.get(id);
    return component ? [component] : [];
  });
}

export function incidentUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/incidents/${encodeURIComponent(id)}`;
}

export function maintenanceUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/maintenance/${encodeURIComponent(id)}`;
}

/**
 * The published postmortem as Statuspage carries it in postmortem_body: one
 * Markdown text, a heading per section, the public action items with their
 * state under Corrective and preventative measures.
 */
export function postmortemBody(published: PublishedPostmortem): string {
  const items = published.actionItems.map(
    (a) => `- ${a.title.replace(/\s+/g, " ")} (${ACTION_ITEM_STATE_LABEL[a.state].toLowerCase()})`,
  );
  const parts = published.sections.map((s) => {
    const text = s.paragraphs.join("\n\n");
    return s.key === "correctiveMeasures" && items.length > 0
      ? `## ${s.heading}\n\n${text}\n\n${items.join("\n")}`
      : `## ${s.heading}\n\n${text}`;
  });
  if (items.length > 0 && !published.sections.some((s) => s.key === "correctiveMeasures"))
    parts.push(`## Corrective and preventative measures\n\n${items.join("\n")}`);
  return parts.join("\n\n");
}

function postmortemFields(facts: IncidentFacts["postmortem"]): SpPostmortemFields {
  return {
    postmortem_body: facts?.body ?? null,
    postmortem_body_last_updated_at: facts?.bodyUpdatedAt ? iso(facts.bodyUpdatedAt) : null,
    postmortem_ignored: facts?.ignored ?? false,
    postmortem_notified_subscribers: facts?.notifiedSubscribers ?? false,
    // Bellwether posts nowhere but email, webhooks and its own page.
    postmortem_notified_twitter: false,
    postmortem_published_at: facts?.publishedAt ? iso(facts.publishedAt) : null,
  };
}

export function shapeIncident(incident: IncidentFacts, ctx: ShapeContext): SpIncident {
  const updates = oldestFirst(incident.updates);
  const affected = affectedComponentsByUpdate(updates, ctx.components);
  const shapedUpdates = updates.map(
    (update, i): SpIncidentUpdate => ({
      id: update.id,
      status: update.status,
      body: update.message,
      incident_id: incident.id,
      created_at: iso(update.createdAt),
      updated_at: iso(update.createdAt),
      display_at: iso(update.createdAt),
      affected_components: affected[i] ?? null,
      deliver_notifications: update.notifySubscribers,
      custom_tweet: null,
      tweet_id: null,
    }),
  );
  return {
    id: incident.id,
    name: incident.title,
    // Statuspage moves a resolved incident to "postmortem" once one is published.
    status: incident.status === "resolved" && incident.postmortemPublished ? "postmortem" : incident.status,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: incident.mitigatedAt ? iso(incident.mitigatedAt) : null,
    resolved_at: incident.resolvedAt ? iso(incident.resolvedAt) : null,
    impact: incident.impact,
    shortlink: incidentUrl(ctx.publicUrl, incident.id),
    started_at: iso(incident.startedAt),
    page_id: ctx.pageId,
    ...postmortemFields(incident.postmortem),
    incident_updates: newestFirst(shapedUpdates),
    components: componentsOf(incident.componentRegionIds, ctx),
  };
}

export function shapeMaintenance(maintenance: MaintenanceFacts, ctx: ShapeContext): SpScheduledMaintenance {
  const updates = oldestFirst(maintenance.updates);
  const firstVerifying = updates.find((u) => u.status === "verifying");
  const shapedUpdates: SpIncidentUpdate[] = updates.map((update) => ({
    id: update.id,
    status: update.status,
    body: update.message,
    incident_id: maintenance.id,
    created_at: iso(update.createdAt),
    updated_at: iso(update.createdAt),
    display_at: iso(update.createdAt),
    affected_components: null,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
  // Statuspage always has the announcement as the first update; a window
  // scheduled without one gets its description in that place.
  if (shapedUpdates.length === 0 && maintenance.description.trim() !== "") {
    shapedUpdates.push({
      id: `${maintenance.id}-announcement`,
      status: "scheduled",
      body: maintenance.description,
      incident_id: maintenance.id,
      created_at: iso(maintenance.createdAt),
      updated_at: iso(maintenance.createdAt),
      display_at: iso(maintenance.createdAt),
      affected_components: null,
      deliver_notifications: false,
      custom_tweet: null,
      tweet_id: null,
    });
  }
  return {
    id: maintenance.id,
    name: maintenance.title,
    status: maintenance.status,
    created_at: iso(maintenance.createdAt),
    updated_at: iso(maintenance.updatedAt),
    monitoring_at: firstVerifying ? iso(firstVerifying.createdAt) : null,
    resolved_at: maintenance.completedAt ? iso(maintenance.completedAt) : null,
    impact: "maintenance",
    shortlink: maintenanceUrl(ctx.publicUrl, maintenance.id),
    started_at: iso(maintenance.startedAt ?? maintenance.scheduledStart),
    page_id: ctx.pageId,
    incident_updates: newestFirst(shapedUpdates),
    components: componentsOf(maintenance.componentRegionIds, ctx),
    scheduled_for: iso(maintenance.scheduledStart),
    scheduled_until: iso(maintenance.scheduledEnd),
  };
}
