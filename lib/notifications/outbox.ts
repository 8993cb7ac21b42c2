// The outbox's read side in SQL: lease due rows (FOR UPDATE SKIP LOCKED, so
// concurrent senders never take the same row), then record what happened.
// A lease that runs out — its sender died — makes the row due again.
import type { Db } from "../db.ts";
import type { SubscriberChannel, WebhookFormat } from "../generated/prisma/enums.ts";
import type { EventKind } from "./events.ts";

export interface LeasedNotification {
  id: string;
  eventId: string;
  kind: EventKind;
  payload: unknown;
  subscriberId: string;
  /** Which Channel delivers it; the address is `email` or `webhookUrl` accordingly. */
  channel: SubscriberChannel;
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  webhookFormat: WebhookFormat | null;
  confirmedAt: Date | null;
  /** Unsubscribed or suppressed since the event: send nothing. */
  inactive: boolean;
  attempts: number;
  leasedUntil: Date;
}

/**
 * Leases up to `limit` due rows: pending ones whose time has come, and sending ones whose lease ran out —
 * only those for subscribers of the given channels (a sender without a mail server leaves email rows waiting).
 */
export async function leaseDueNotifications(
  db: Db,
  options: { limit: number; leaseMs: number; now: Date; channels: readonly SubscriberChannel[] },
): Promise<LeasedNotification[]> {
  const leasedUntil = new Date(options.now.getTime() + options.leaseMs);
  const channels = [...options.channels];
  return db.$queryRaw<LeasedNotification[]>`
    WITH expired AS (
      SELECT "id" FROM "Notification"
       WHERE "state" = 'sending' AND "leasedUntil" < ${options.now}
         AND EXISTS (SELECT 1 FROM "Subscriber" s WHERE s."id" = "subscriberId" AND s."channel"::text = ANY(${channels}::text[]))
       LIMIT ${options.limit} FOR UPDATE SKIP LOCKED
    ), due AS (
      SELECT "id" FROM "Notification"
       WHERE "state" = 'pending' AND "nextAttemptAt" <= ${options.now}
         AND EXISTS (SELECT 1 FROM "Subscriber" s WHERE s."id" = "subscriberId" AND s."channel"::text = ANY(${channels}::text[]))
       ORDER BY "nextAttemptAt"
       LIMIT ${options.limit} FOR UPDATE SKIP LOCKED
    )
    UPDATE "Notification" n
       SET "state" = 'sending', "leasedUntil" = ${leasedUntil}, "attempts" = n."attempts" + 1
      FROM "NotificationEvent" e, "Subscriber" s
     WHERE n."id" IN (SELECT "id" FROM expired UNION ALL SELECT "id" FROM due)
       AND e."id" = n."eventId" AND s."id" = n."subscriberId"
    RETURNING n."id", n."eventId", e."kind"::text AS "kind", e."payload", n."subscriberId", s."channel"::text AS "channel",
              s."email", s."webhookUrl", s."webhookSecret", s."webhookFormat"::text AS "webhookFormat", s."confirmedAt",
              (s."unsubscribedAt" IS NOT NULL OR s."suppressedAt" IS NOT NULL OR s."confirmedAt" IS NULL) AS "inactive",
              n."attempts", n."leasedUntil"`;
}

/** One statement for many: the mail server or the webhook's receiver accepted these. */
export async function markSent(
  db: Db,
  sent: readonly { id: string; messageId: string; sentAt: Date }[],
): Promise<void> {
  if (sent.length === 0) return;
  await db.$executeRaw`
    UPDATE "Notification" n
       SET "state" = 'sent', "sentAt" = t."sentAt", "messageId" = t."messageId", "leasedUntil" = NULL, "lastError" = NULL
      FROM unnest(${sent.map((s) => s.id)}::text[], ${sent.map((s) => s.messageId)}::text[], ${sent.map((s) => s.sentAt)}::timestamp(3)[])
           AS t("id", "messageId", "sentAt")
     WHERE n."id" = t."id"`;
}

/** Nothing to send any more: the subscriber left or bounced. */
export async function markSuppressed(db: Db, ids: readonly string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db.$executeRaw`
    UPDATE "Notification" SET "state" = 'suppressed', "leasedUntil" = NULL, "lastError" = ${reason}
     WHERE "id" = ANY(${[...ids]}::text[])`;
}

export async function markRetry(db: Db, id: string, nextAttemptAt: Date, error: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "Notification" SET "state" = 'pending', "nextAttemptAt" = ${nextAttemptAt}, "leasedUntil" = NULL, "lastError" = ${error.slice(0, 1000)}
     WHERE "id" = ${id} AND "state" = 'sending'`;
}

/**
 * When a permanent failure switches the subscriber off: at once (a hard bounce), or once its latest
 * `afterFailures` settled notifications have all failed (a webhook that keeps refusing).
 */
export interface Suppression {
  subscriberId: string;
  at: Date;
  reason: string;
  afterFailures: number;
}

/** A permanent failure; with `suppress`, the subscriber may get nothing again (see Suppression). Returns whether it was suppressed. */
export async function markFailed(db: Db, id: string, error: string, suppress: Suppression | null): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "Notification" SET "state" = 'failed', "leasedUntil" = NULL, "lastError" = ${error.slice(0, 1000)} WHERE "id" = ${id}`;
    if (!suppress) return false;
    const suppressed = await tx.$executeRaw`
      UPDATE "Subscriber" SET "suppressedAt" = ${suppress.at}, "suppressReason" = ${`${suppress.reason}: ${error}`.slice(0, 500)}, "updatedAt" = ${suppress.at}
       WHERE "id" = ${suppress.subscriberId} AND "suppressedAt" IS NULL
         AND ${suppress.afterFailures} <= (
           SELECT count(*) FROM (
             SELECT "state" FROM "Notification"
              WHERE "subscriberId" = ${suppress.subscriberId} AND "state" IN ('sent', 'failed')
              ORDER BY "createdAt" DESC LIMIT ${suppress.afterFailures}
           ) latest WHERE latest."state" = 'failed')`;
    return suppressed === 1;
  });
}

/** A sender stopping cleanly hands back what it leased but did not try. */
export async function releaseLeases(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.$executeRaw`
    UPDATE "Notification" SET "state" = 'pending', "leasedUntil" = NULL, "attempts" = GREATEST(0, "attempts" - 1)
     WHERE "id" = ANY(${[...ids]}::text[]) AND "state" = 'sending'`;
}
