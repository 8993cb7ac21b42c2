// The outbox's write side. enqueueEvent writes the event in the caller's
// transaction (DESIGN.md: in the same transaction as the change that causes
// it); its Notification rows, one per subscriber whose scope covers it, follow
// after commit in chunks (fan-out.ts), so that approving an incident with
// 100,000 subscribers commits in milliseconds. enqueueChunk is the one place
// that says who hears of an event: lib/domain/scoping.ts's rules in SQL
// (tests/integration/scoping-sql.test.ts holds the two together). Times are
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
}

/** Returns null when an event with this dedupeKey was already written. Its outbox rows come from fan-out.ts. */
export async function enqueueEvent(tx: Tx, event: NewEvent): Promise<EnqueuedEvent | null> {
  const payload = eventPayloadSchema.parse(event.payload);
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "NotificationEvent" ("id", "kind", "incidentId", "maintenanceId", "postmortemId", "payload", "dedupeKey",
                                     "componentRegionIds", "createdAt")
    VALUES (gen_random_uuid()::text, ${event.kind}::"NotificationEventKind", ${event.incidentId ?? null}, ${event.maintenanceId ?? null},
            ${event.postmortemId ?? null}, ${JSON.stringify(payload)}::jsonb, ${event.dedupeKey},
            ${[...event.componentRegionIds]}::text[], now() AT TIME ZONE 'UTC')
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "id"`;
  const eventId = inserted[0]?.id;
  return eventId ? { eventId } : null;
}

export interface EnqueuedChunk {
  /** Subscribers the chunk covered (rows already there are not written again). */
  covered: number;
  written: number;
  /** No subscriber is left after this chunk: the event is fanned out. */
  done: boolean;
}

/**
 * One chunk of an event's fan-out, in one statement (so one transaction): a
 * row for each of the next `limit` covered subscribers after the event's
 * cursor (by id), and the cursor moved past them — or, for a short chunk, the
 * event marked fanned out. Null when the event is done, or another fan-out holds it.
 */
export async function enqueueChunk(tx: Tx, eventId: string, limit: number): Promise<EnqueuedChunk | null> {
  const [chunk] = await tx.$queryRaw<{ covered: number; written: number; done: boolean | null }[]>`
    WITH e AS (
      SELECT "id", "kind"::text AS "kind", "incidentId", "componentRegionIds" AS "ids", "fanOutCursor" AS "cursor"
        FROM "NotificationEvent" WHERE "id" = ${eventId} AND "fannedOutAt" IS NULL
         FOR UPDATE SKIP LOCKED
    ), chunk AS (
      -- Scalar reads of e, so that the plan walks the primary key from the cursor and stops after the chunk.
      SELECT s."id" FROM "Subscriber" s
      WHERE EXISTS (SELECT 1 FROM e) AND s."id" > COALESCE((SELECT "cursor" FROM e), '')
        AND s."confirmedAt" IS NOT NULL AND s."unsubscribedAt" IS NULL AND s."suppressedAt" IS NULL
        AND (
          EXISTS (
            SELECT 1 FROM "SubscriberIncident" si JOIN "Incident" i ON i."id" = si."incidentId"
            WHERE si."subscriberId" = s."id" AND si."incidentId" = (SELECT "incidentId" FROM e)
              AND (i."resolvedAt" IS NULL OR (SELECT "kind" FROM e) = 'incident_resolved')
          )
          OR (cardinality((SELECT "ids" FROM e)) = 0 AND s."scopeAll" AND NOT s."tier1Only")
          OR EXISTS (
            SELECT 1 FROM "ComponentRegion" cr JOIN "Component" c ON c."id" = cr."componentId"
            WHERE cr."id" IN (SELECT unnest("ids") FROM e)
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
      ORDER BY s."id"
      LIMIT ${limit}
    ), ins AS (
      INSERT INTO "Notification" ("id", "eventId", "subscriberId", "state", "attempts", "nextAttemptAt", "createdAt")
      SELECT gen_random_uuid()::text, ${eventId}, chunk."id", 'pending'::"NotificationState", 0, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
        FROM chunk
      ON CONFLICT ("eventId", "subscriberId") DO NOTHING
      RETURNING 1
    ), moved AS (
      UPDATE "NotificationEvent" n
         SET "fanOutCursor" = COALESCE((SELECT max(chunk."id") FROM chunk), n."fanOutCursor"),
             "fannedOutAt" = CASE WHEN (SELECT count(*) FROM chunk) < ${limit} THEN now() AT TIME ZONE 'UTC' END
        FROM e WHERE n."id" = e."id"
      RETURNING n."fannedOutAt" IS NOT NULL AS "done"
    )
    SELECT (SELECT count(*)::int FROM chunk) AS "covered", (SELECT count(*)::int FROM ins) AS "written",
           (SELECT "done" FROM moved) AS "done"`;
  if (!chunk || chunk.done === null) return null;
  return { covered: chunk.covered, written: chunk.written, done: chunk.done };
}
