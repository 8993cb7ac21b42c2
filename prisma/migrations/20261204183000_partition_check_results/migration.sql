-- CheckResult becomes partitioned by day on "checkedAt", so that retention
-- drops whole days instead of deleting rows (lib/monitoring/result-partitions.ts).
-- Day partitions live in the schema "bellwether_partitions", which Prisma's
-- drift check does not read; the worker creates them ahead of time and ingest
-- on demand. The default partition takes a row for a day that has none, so an
-- insert never fails for want of a partition.
ALTER TABLE "CheckResult" RENAME TO "CheckResult_unpartitioned";
ALTER TABLE "CheckResult_unpartitioned" RENAME CONSTRAINT "CheckResult_pkey" TO "CheckResult_unpartitioned_pkey";
ALTER INDEX "CheckResult_componentRegionId_checkedAt_idx" RENAME TO "CheckResult_unpartitioned_componentRegionId_idx";
ALTER INDEX "CheckResult_probeId_checkedAt_idx" RENAME TO "CheckResult_unpartitioned_probeId_idx";
ALTER INDEX "CheckResult_checkedAt_idx" RENAME TO "CheckResult_unpartitioned_checkedAt_idx";

CREATE TABLE "CheckResult" (
    "id" UUID NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "probeId" TEXT NOT NULL,
    "componentRegionId" TEXT NOT NULL,
    "vantageRegionId" TEXT NOT NULL,
    "agentId" TEXT,
    "outcome" "CheckOutcome" NOT NULL,
    "latencyMs" INTEGER,
    "statusCode" INTEGER,
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("id","checkedAt")
) PARTITION BY RANGE ("checkedAt");

CREATE INDEX "CheckResult_componentRegionId_checkedAt_idx" ON "CheckResult"("componentRegionId", "checkedAt");
CREATE INDEX "CheckResult_probeId_checkedAt_idx" ON "CheckResult"("probeId", "checkedAt");
CREATE INDEX "CheckResult_checkedAt_idx" ON "CheckResult"("checkedAt");

CREATE SCHEMA IF NOT EXISTS "bellwether_partitions";
CREATE TABLE "bellwether_partitions"."CheckResult_default" PARTITION OF "CheckResult" DEFAULT;

-- One partition for each day that already has results, named as the worker names them.
DO $$
DECLARE
  day date;
BEGIN
  FOR day IN SELECT DISTINCT "checkedAt"::date FROM "CheckResult_unpartitioned" LOOP
    EXECUTE format(
      'CREATE TABLE "bellwether_partitions".%I PARTITION OF "CheckResult" FOR VALUES FROM (%L) TO (%L)',
      'CheckResult_' || to_char(day, 'YYYYMMDD'), day::timestamp, (day + 1)::timestamp);
  END LOOP;
END $$;

INSERT INTO "CheckResult" ("id", "checkedAt", "probeId", "componentRegionId", "vantageRegionId", "agentId", "outcome",
                           "latencyMs", "statusCode", "error", "receivedAt")
SELECT "id", "checkedAt", "probeId", "componentRegionId", "vantageRegionId", "agentId", "outcome",
       "latencyMs", "statusCode", "error", "receivedAt"
  FROM "CheckResult_unpartitioned";

DROP TABLE "CheckResult_unpartitioned";
