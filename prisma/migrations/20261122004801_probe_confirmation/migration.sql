-- CreateEnum
CREATE TYPE "RoundVerdict" AS ENUM ('up', 'degraded', 'partial', 'down');

-- CreateTable
CREATE TABLE "ProbeState" (
    "probeId" TEXT NOT NULL,
    "confirmedStatus" "ComponentStatus",
    "confirmedSince" TIMESTAMP(3),
    "recentVerdicts" "RoundVerdict"[],
    "silentRounds" INTEGER NOT NULL DEFAULT 0,
    "lastRoundStart" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProbeState_pkey" PRIMARY KEY ("probeId")
);

-- AddForeignKey
ALTER TABLE "ProbeState" ADD CONSTRAINT "ProbeState_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;
