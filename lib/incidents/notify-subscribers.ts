// The outbox write for an incident event. Only approved (public) incidents
// reach subscribers; callers decide that, this builds the frozen payload.
import type { Prisma } from "../db.ts";
import { enqueueEvent } from "../notifications/enqueue.ts";
import type { EventKind } from "../notifications/events.ts";
import type { AffectedComponentRegion, IncidentDetail } from "./get-incident.ts";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

export interface IncidentEvent {
  kind: Extract<EventKind, "incident_published" | "incident_updated" | "incident_resolved">;
  incident: Pick<IncidentDetail, "id" | "title" | "status" | "impact">;
  message: string;
  affected: readonly AffectedComponentRegion[];
  /** ComponentRegions whose subscribers hear of it: the affected ones, plus any just removed. */
  componentRegionIds: readonly string[];
  dedupeKey: string;
  at: Date;
}

export async function notifyIncidentSubscribers(tx: Tx, event: IncidentEvent): Promise<void> {
  await enqueueEvent(tx, {
    kind: event.kind,
    incidentId: event.incident.id,
    dedupeKey: event.dedupeKey,
    componentRegionIds: event.componentRegionIds,
    payload: {
      title: event.incident.title,
      path: `/incidents/${event.incident.id}`,
      status: event.incident.status,
      impact: event.incident.impact,
      message: event.message,
      affected: event.affected.map((a) => ({ component: a.componentName, region: a.regionName, status: a.status })),
      at: event.at.toISOString(),
    },
  });
}
