// The outbox's write side: an event and one Notification row per subscriber
// whose scope covers it, in the caller's transaction (DESIGN.md: written in
// the same transaction as the change that causes them). The scope and
// followed-incident rules are lib/domain/scoping.ts's, in SQL so that 100,000
// subscribers are one statement (tests/integration/scoping-sql.test.ts holds the two together). Times are
// written in UTC, as Prisma writes every DateTime, whatever the session's zone.
import type { Prisma } from "../db.ts";
import { type EventKind, type EventPayload, eventPayloadSchema } from "./events.ts";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

export interface NewEvent {
  kind: EventKind;
  incidentId?: string;
  maintenanceId?: string;
  postmortemId?: string;
  payload: EventPayload;
  /** Deterministic per real-world event (e.g. `incident_updated:<updateId>`): a second writer of it is a no-op. */
  dedupeKey: string;
  /** The ComponentRegions it concerns; subscribers are matched against these. */
  componentRegionIds: readonly string[];
}

export interface EnqueuedEvent {
  eventId: string;
  notifications: number;
}

/** Returns null when an event with this dedupeKey was already written. */
export async function enqueueEvent(tx: Tx, event: NewEvent): Promise<EnqueuedEvent | null> {
  const payload = eventPayloadSchema.parse(event.payload);
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "NotificationEvent" ("id", "kind", "incidentId", "maintenanceId", "postmortemId", "payload", "dedupeKey", "createdAt")
    VALUES (gen_random_uuid()::text, ${event.kind}::"NotificationEventKind", ${event.incidentId ?? null}, ${event.maintenanceId ?? null},
            ${event.postmortemId ?? null}, ${JSON.stringify(payload)}::jsonb, ${event.dedupeKey}, now() AT TIME ZONE 'UTC')
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "id"`;
  const eventId = inserted[0]?.id;
  if (!eventId) return null;
  const ids = [...event.componentRegionIds];
  const notifications = await tx.$executeRaw`
    INSERT INTO "Notification" ("id", "eventId", "subscriberId", "state", "attempts", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid()::text, ${eventId}, s."id", 'pending'::"NotificationState", 0, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM "Subscriber" s
    WHERE s."confirmedAt" IS NOT NULL AND s."unsubscribedAt" IS NULL AND s."suppressedAt" IS NULL
      AND (
        EXISTS (
          SELECT 1 FROM "SubscriberIncident" si JOIN "Incident" i ON i."id" = si."incidentId"
          WHERE si."subscriberId" = s."id" AND si."incidentId" = ${event.incidentId ?? null}::text
            AND (i."resolvedAt" IS NULL OR ${event.kind}::text = 'incident_resolved')
        )
        OR (cardinality(${ids}::text[]) = 0 AND s."scopeAll" AND NOT s."tier1Only")
        OR EXISTS (
          SELECT 1 FROM "ComponentRegion" cr JOIN "Component" c ON c."id" = cr."componentId"
          WHERE cr."id" = ANY(${ids}::text[])
            AND (NOT s."tier1Only" OR c."tier" = 'TIER_1')
            AND (
              s."scopeAll"
              OR (
                (EXISTS (SELECT 1 FROM "SubscriberRegion" x WHERE x."subscriberId" = s."id")
                  OR EXISTS (SELECT 1 FROM "SubscriberComponent" y WHERE y."subscriberId" = s."id"))
                AND (NOT EXISTS (SELECT 1 FROM "SubscriberRegion" x WHERE x."subscriberId" = s."id")
                  OR EXISTS (SELECT 1 FROM "SubscriberRegion" x WHERE x."subscriberId" = s."id" AND x."regionId" = cr."regionId"))
                AND (NOT EXISTS (SELECT 1 FROM "SubscriberComponent" y WHERE y."subscriberId" = s."id")
                  OR EXISTS (SELECT 1 FROM "SubscriberComponent" y WHERE y."subscriberId" = s."id" AND y."componentId" = cr."componentId"))
              )
            )
        )
      )
    ON CONFLICT ("eventId", "subscriberId") DO NOTHING`;
  return { eventId, notifications };
}
