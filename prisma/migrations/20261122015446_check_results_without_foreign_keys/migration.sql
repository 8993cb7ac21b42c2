-- DropForeignKey
ALTER TABLE "CheckResult" DROP CONSTRAINT "CheckResult_agentId_fkey";

-- DropForeignKey
ALTER TABLE "CheckResult" DROP CONSTRAINT "CheckResult_componentRegionId_fkey";

-- DropForeignKey
ALTER TABLE "CheckResult" DROP CONSTRAINT "CheckResult_probeId_fkey";

-- DropForeignKey
ALTER TABLE "CheckResult" DROP CONSTRAINT "CheckResult_vantageRegionId_fkey";
