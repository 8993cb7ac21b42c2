-- Chunked fan-out (lib/notifications/fan-out.ts) writes an event's outbox rows
-- after the event commits, so the event itself must say whom it concerns.
ALTER TABLE "NotificationEvent" ADD COLUMN     "componentRegionIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Events written before chunked fan-out got every outbox row in their own transaction.
UPDATE "NotificationEvent" SET "fannedOutAt" = "createdAt" WHERE "fannedOutAt" IS NULL;

-- CreateIndex
CREATE INDEX "NotificationEvent_fannedOutAt_idx" ON "NotificationEvent"("fannedOutAt");
