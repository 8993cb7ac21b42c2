// Rate limits of the public subscribe form: per client IP (the form answers
// "too many requests") and per address (silently no further email, so the form
// still answers the same and nobody can flood an inbox with confirmations).
//
// Kept in this process's memory. Behind a load balancer with N replicas each
// replica counts alone, so the effective limit is up to N times these; that is
// acceptable for an abuse brake (the per-address limit still caps a victim's
// inbox at N × 3 an hour). A shared limit would need a table or Redis.
import { type Bucket, isFull, type RateRule, takeToken } from "../domain/rate-limit.ts";
import { AppError } from "../errors.ts";

export const SUBSCRIBE_LIMIT_PER_IP: RateRule = { limit: 10, windowMs: 10 * 60_000 };
export const SUBSCRIBE_LIMIT_PER_ADDRESS: RateRule = { limit: 3, windowMs: 60 * 60_000 };
const MAX_TRACKED = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rule: RateRule) {}

  take(key: string, now: number): { allowed: boolean; retryAfterMs: number } {
    const result = takeToken(this.buckets.get(key), this.rule, now);
    this.buckets.set(key, result.bucket);
    if (this.buckets.size > MAX_TRACKED) this.prune(now);
    return result;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (isFull(bucket, this.rule, now)) this.buckets.delete(key);
    // Still too many (an attack from many addresses): forget the oldest half rather than grow without bound.
    if (this.buckets.size > MAX_TRACKED) {
      for (const key of [...this.buckets.keys()].slice(0, this.buckets.size / 2)) this.buckets.delete(key);
    }
  }
}

export interface SubscribeLimits {
  perIp: RateLimiter;
  perAddress: RateLimiter;
}

export function createSubscribeLimits(): SubscribeLimits {
  return { perIp: new RateLimiter(SUBSCRIBE_LIMIT_PER_IP), perAddress: new RateLimiter(SUBSCRIBE_LIMIT_PER_ADDRESS) };
}

const globalForLimits = globalThis as unknown as { bellwetherSubscribeLimits?: SubscribeLimits };

/** This process's limits (they survive Next's module reloads in development). */
export function subscribeLimits(): SubscribeLimits {
  globalForLimits.bellwetherSubscribeLimits ??= createSubscribeLimits();
  return globalForLimits.bellwetherSubscribeLimits;
}

export function checkIpLimit(limits: SubscribeLimits, ip: string, now: number): void {
  const { allowed, retryAfterMs } = limits.perIp.take(ip, now);
  if (!allowed) {
    throw new AppError("RATE_LIMITED", `Too many subscription requests from your network. Please try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s).`);
  }
}
