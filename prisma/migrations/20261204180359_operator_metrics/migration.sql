-- AlterTable
ALTER TABLE "ProbeAgent" ADD COLUMN     "bufferedResults" INTEGER,
ADD COLUMN     "lastPushAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MetricCounter" (
    "key" TEXT NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricCounter_pkey" PRIMARY KEY ("key")
);
