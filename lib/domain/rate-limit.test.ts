import { describe, expect, it } from "vitest";
import { type Bucket, isFull, takeToken } from "./rate-limit.ts";

const rule = { limit: 3, windowMs: 60_000 };

describe("takeToken", () => {
  it("allows a burst of `limit`, then refuses until a token has refilled", () => {
    let bucket: Bucket | undefined;
    const take = (now: number) => {
      const result = takeToken(bucket, rule, now);
      bucket = result.bucket;
      return result;
    };
    expect([take(0), take(1), take(2)].every((r) => r.allowed)).toBe(true);
    const refused = take(3);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.retryAfterMs).toBeGreaterThan(19_000);
    expect(take(20_003).allowed).toBe(true);
    expect(take(20_004).allowed).toBe(false);
    expect(isFull(bucket!, rule, 20_004 + 60_000)).toBe(true);
    expect(isFull(bucket!, rule, 20_004 + 30_000)).toBe(false);
  });
});
