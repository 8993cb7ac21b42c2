-- Rollup rows are updated in place by every ingest that touches their bucket.
-- Free room in each page lets PostgreSQL make those HOT updates (no new index
-- entries), which most of the rollup cost is.
ALTER TABLE "RollupMinute" SET (fillfactor = 70);
ALTER TABLE "RollupHour" SET (fillfactor = 70);
ALTER TABLE "RollupDay" SET (fillfactor = 70);
