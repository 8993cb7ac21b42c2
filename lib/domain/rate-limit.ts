// Token buckets: `limit` requests at once, refilled evenly over `windowMs`.
// Pure: the caller keeps the buckets and passes `now` (ms).

export interface RateRule {
  limit: number;
  windowMs: number;
}

export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function takeToken(
  bucket: Bucket | undefined,
  rule: RateRule,
  now: number,
): { allowed: boolean; bucket: Bucket; retryAfterMs: number } {
  const elapsed = bucket ? Math.max(0, now - bucket.updatedAt) : 0;
  const tokens = Math.min(rule.limit, (bucket?.tokens ?? rule.limit) + (elapsed * rule.limit) / rule.windowMs);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, updatedAt: now }, retryAfterMs: 0 };
  return {
    allowed: false,
    bucket: { tokens, updatedAt: now },
    retryAfterMs: Math.ceil(((1 - tokens) * rule.windowMs) / rule.limit),
  };
}

/** A bucket that has refilled completely carries no information and may be dropped. */
export function isFull(bucket: Bucket, rule: RateRule, now: number): boolean {
  return bucket.tokens + ((now - bucket.updatedAt) * rule.limit) / rule.windowMs >= rule.limit;
}
