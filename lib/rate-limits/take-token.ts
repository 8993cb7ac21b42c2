// Token buckets kept in PostgreSQL (bellwether_runtime."RateLimitBucket"), so
// that every replica draws from the same bucket: N replicas allow what one
// does. One statement takes a token or refuses, atomically, under the row's
// lock; the arithmetic is lib/domain/rate-limit.ts's, written in SQL.
import { createHash } from "node:crypto";
import type { Db, Prisma } from "../db.ts";
import type { RateRule } from "../domain/rate-limit.ts";

type Client = Db | Prisma.TransactionClient;

export interface RateDecision {
  allowed: boolean;
  retryAfterMs: number;
}

/** The stored key: the scope in clear, the subject (an address, an email) hashed — the table holds no personal data. */
export function bucketKey(scope: string, subject: string): string {
  return `${scope}:${createHash("sha256").update(subject.trim().toLowerCase()).digest("base64url").slice(0, 32)}`;
}

/** Takes one token from `subject`'s bucket in `scope`; refuses (taking nothing) when the bucket is empty. */
export async function takeRateToken(
  db: Client,
  scope: string,
  subject: string,
  rule: RateRule,
  now: Date,
): Promise<RateDecision> {
  const key = bucketKey(scope, subject);
  const perMs = rule.limit / rule.windowMs;
  const taken = await db.$queryRaw<{ tokens: number }[]>`
    INSERT INTO "bellwether_runtime"."RateLimitBucket" AS b ("key", "tokens", "updatedAt")
    VALUES (${key}, ${rule.limit - 1}, ${now})
    ON CONFLICT ("key") DO UPDATE
       SET "tokens" = LEAST(${rule.limit}::float8, b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - b."updatedAt")) * 1000) * ${perMs}::float8) - 1,
           "updatedAt" = GREATEST(b."updatedAt", ${now}::timestamptz)
     WHERE LEAST(${rule.limit}::float8, b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - b."updatedAt")) * 1000) * ${perMs}::float8) >= 1
    RETURNING "tokens"`;
  if (taken.length > 0) return { allowed: true, retryAfterMs: 0 };
  const [row] = await db.$queryRaw<{ tokens: number }[]>`
    SELECT LEAST(${rule.limit}::float8, "tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - "updatedAt")) * 1000) * ${perMs}::float8) AS tokens
      FROM "bellwether_runtime"."RateLimitBucket" WHERE "key" = ${key}`;
  const tokens = Number(row?.tokens ?? 0);
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil((1 - tokens) / perMs)) };
}

/** Buckets untouched for longer than the longest window are full again and carry no information. */
export async function deleteIdleRateBuckets(db: Client, olderThan: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "bellwether_runtime"."RateLimitBucket" WHERE "updatedAt" < ${olderThan}`;
}
