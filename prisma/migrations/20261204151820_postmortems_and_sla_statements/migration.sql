-- CreateEnum
CREATE TYPE "ActionItemType" AS ENUM ('mitigate', 'prevent', 'detect', 'process');

-- CreateEnum
CREATE TYPE "TimelineSource" AS ENUM ('probe', 'engineer', 'system');

-- CreateEnum
CREATE TYPE "MonthRule" AS ENUM ('calendar', 'fixed_30_days');

-- CreateEnum
CREATE TYPE "Coverage" AS ENUM ('all_components', 'tier_1_only');

-- AlterEnum
ALTER TYPE "PostmortemState" ADD VALUE 'approved';

-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "isPublic" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "priority" "Priority" NOT NULL DEFAULT 'P3',
ADD COLUMN     "trackerUrl" TEXT,
ADD COLUMN     "type" "ActionItemType" NOT NULL DEFAULT 'prevent',
ADD COLUMN     "wontDoReason" TEXT;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "accountManagerId" TEXT,
ADD COLUMN     "closeAfterDays" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "coverage" "Coverage" NOT NULL DEFAULT 'all_components',
ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'EUR',
ADD COLUMN     "maintenanceAllowanceHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "maintenanceNoticeDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "monthRule" "MonthRule" NOT NULL DEFAULT 'calendar',
ADD COLUMN     "monthlyFee" DECIMAL(12,2) NOT NULL DEFAULT 0,
ADD COLUMN     "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Postmortem" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "firstPublishedAt" TIMESTAMP(3),
ADD COLUMN     "impact" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "impactReport" JSONB,
ADD COLUMN     "lessonsLearned" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "notRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "notRequiredReason" TEXT,
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "publishCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "submittedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "source" "TimelineSource" NOT NULL,
    "text" TEXT NOT NULL,
    "sourceKey" TEXT,
    "starred" BOOLEAN NOT NULL DEFAULT false,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemRevision" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publishedById" TEXT,

    CONSTRAINT "PostmortemRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaStatement" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "figures" JSONB NOT NULL,
    "csv" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "json" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "reason" TEXT,
    "changes" JSONB,
    "createdById" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffMail" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "state" "NotificationState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TimelineEntry_postmortemId_at_idx" ON "TimelineEntry"("postmortemId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEntry_postmortemId_sourceKey_key" ON "TimelineEntry"("postmortemId", "sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "PostmortemRevision_postmortemId_revision_key" ON "PostmortemRevision"("postmortemId", "revision");

-- CreateIndex
CREATE INDEX "SlaStatement_contractId_month_idx" ON "SlaStatement"("contractId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "SlaStatement_contractId_month_revision_key" ON "SlaStatement"("contractId", "month", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMail_dedupeKey_key" ON "StaffMail"("dedupeKey");

-- CreateIndex
CREATE INDEX "StaffMail_state_nextAttemptAt_idx" ON "StaffMail"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ActionItem_state_dueDate_idx" ON "ActionItem"("state", "dueDate");

-- CreateIndex
CREATE INDEX "Postmortem_state_dueAt_idx" ON "Postmortem"("state", "dueAt");

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemRevision" ADD CONSTRAINT "PostmortemRevision_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemRevision" ADD CONSTRAINT "PostmortemRevision_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_accountManagerId_fkey" FOREIGN KEY ("accountManagerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaStatement" ADD CONSTRAINT "SlaStatement_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaStatement" ADD CONSTRAINT "SlaStatement_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An issued statement is immutable: a correction is a new revision, never an edit.
-- (Deleting the contract still removes its statements: cascades run as DELETE, which is allowed.)
CREATE FUNCTION "sla_statement_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'SlaStatement revisions are immutable: issue a restatement instead';
END;
$$;

CREATE TRIGGER "SlaStatement_no_update" BEFORE UPDATE ON "SlaStatement"
  FOR EACH ROW EXECUTE FUNCTION "sla_statement_immutable"();
