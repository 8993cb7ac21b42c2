-- Rate-limit buckets (subscribe form, sign-in links) shared by every replica,
-- so that N replicas do not allow N times as much. In a schema of its own:
-- schema.prisma does not model it, and Prisma's drift check reads only "public".
-- UNLOGGED: a crash may reset the counters, which costs an abuse brake nothing.
CREATE SCHEMA IF NOT EXISTS "bellwether_runtime";

CREATE UNLOGGED TABLE "bellwether_runtime"."RateLimitBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "RateLimitBucket_updatedAt_idx" ON "bellwether_runtime"."RateLimitBucket"("updatedAt");
