-- DropIndex
DROP INDEX "RollupMinute_bucketStart_idx";
