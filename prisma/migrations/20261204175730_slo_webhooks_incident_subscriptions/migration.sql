/*
  Warnings:

  - A unique constraint covering the columns `[webhookUrl]` on the table `Subscriber` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "SubscriberChannel" AS ENUM ('email', 'webhook');

-- CreateEnum
CREATE TYPE "WebhookFormat" AS ENUM ('json', 'slack');

-- CreateEnum
CREATE TYPE "BurnAlertSeverity" AS ENUM ('page', 'ticket');

-- CreateEnum
CREATE TYPE "EarlyWarningMetric" AS ENUM ('latency_p95', 'error_ratio');

-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "sloTargetPercent" DECIMAL(7,4);

-- AlterTable
ALTER TABLE "NotificationEvent" ADD COLUMN     "fanOutCursor" TEXT,
ADD COLUMN     "fannedOutAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "channel" "SubscriberChannel" NOT NULL DEFAULT 'email',
ADD COLUMN     "webhookFormat" "WebhookFormat",
ADD COLUMN     "webhookSecret" TEXT,
ADD COLUMN     "webhookUrl" TEXT,
ALTER COLUMN "email" DROP NOT NULL;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "burnAlertEmails" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SubscriberIncident" (
    "subscriberId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscriberIncident_pkey" PRIMARY KEY ("subscriberId","incidentId")
);

-- CreateTable
CREATE TABLE "BurnRateAlert" (
    "id" TEXT NOT NULL,
    "componentRegionId" TEXT NOT NULL,
    "severity" "BurnAlertSeverity" NOT NULL,
    "burnRate" DECIMAL(6,2) NOT NULL,
    "longWindowMinutes" INTEGER NOT NULL,
    "shortWindowMinutes" INTEGER NOT NULL,
    "sloTargetPercent" DECIMAL(7,4) NOT NULL,
    "longErrorRatio" DOUBLE PRECISION NOT NULL,
    "shortErrorRatio" DOUBLE PRECISION NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "openKey" TEXT,
    "incidentId" TEXT,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "BurnRateAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EarlyWarning" (
    "id" TEXT NOT NULL,
    "componentRegionId" TEXT NOT NULL,
    "metric" "EarlyWarningMetric" NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "clearedAt" TIMESTAMP(3),
    "observed" DOUBLE PRECISION NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "spread" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "forecastCrossAt" TIMESTAMP(3),
    "evidence" JSONB NOT NULL,
    "openKey" TEXT,

    CONSTRAINT "EarlyWarning_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubscriberIncident_incidentId_idx" ON "SubscriberIncident"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "BurnRateAlert_openKey_key" ON "BurnRateAlert"("openKey");

-- CreateIndex
CREATE INDEX "BurnRateAlert_componentRegionId_firedAt_idx" ON "BurnRateAlert"("componentRegionId", "firedAt");

-- CreateIndex
CREATE INDEX "BurnRateAlert_resolvedAt_idx" ON "BurnRateAlert"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EarlyWarning_openKey_key" ON "EarlyWarning"("openKey");

-- CreateIndex
CREATE INDEX "EarlyWarning_componentRegionId_raisedAt_idx" ON "EarlyWarning"("componentRegionId", "raisedAt");

-- CreateIndex
CREATE INDEX "EarlyWarning_clearedAt_idx" ON "EarlyWarning"("clearedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_webhookUrl_key" ON "Subscriber"("webhookUrl");

-- AddForeignKey
ALTER TABLE "SubscriberIncident" ADD CONSTRAINT "SubscriberIncident_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriberIncident" ADD CONSTRAINT "SubscriberIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BurnRateAlert" ADD CONSTRAINT "BurnRateAlert_componentRegionId_fkey" FOREIGN KEY ("componentRegionId") REFERENCES "ComponentRegion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BurnRateAlert" ADD CONSTRAINT "BurnRateAlert_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlyWarning" ADD CONSTRAINT "EarlyWarning_componentRegionId_fkey" FOREIGN KEY ("componentRegionId") REFERENCES "ComponentRegion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A subscriber has the address its channel needs. Prisma cannot say this, and
-- its schema engine (wasm, 8.1) panics on describing a CHECK constraint, so a
-- trigger says it instead.
CREATE FUNCTION "subscriber_channel_address"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."channel" = 'email' AND (NEW."email" IS NULL OR NEW."webhookUrl" IS NOT NULL) THEN
    RAISE EXCEPTION 'An email subscriber needs an email address and no webhook URL.' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."channel" = 'webhook' AND (NEW."webhookUrl" IS NULL OR NEW."webhookSecret" IS NULL OR NEW."webhookFormat" IS NULL) THEN
    RAISE EXCEPTION 'A webhook subscriber needs a URL, a secret and a format.' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Subscriber_channel_address"
  BEFORE INSERT OR UPDATE ON "Subscriber"
  FOR EACH ROW EXECUTE FUNCTION "subscriber_channel_address"();
