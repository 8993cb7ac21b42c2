// Rate limits of the public subscribe form, kept in PostgreSQL so that every
// replica counts together (lib/rate-limits/take-token.ts):
// - per client (the address lib/http/client-address.ts determined): the form
//   answers "too many requests";
// - per email address: silently no further email, so the form still answers
//   the same and nobody can flood an inbox or rotate someone's pending link;
// - across everyone: new pending subscriptions an hour, a cap on how much mail
//   the form can send to strangers whatever the number of clients.
import type { Db } from "../db.ts";
import type { RateRule } from "../domain/rate-limit.ts";
import { getEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { takeRateToken } from "../rate-limits/take-token.ts";

export const SUBSCRIBE_LIMIT_PER_CLIENT: RateRule = { limit: 10, windowMs: 10 * 60_000 };
export const SUBSCRIBE_LIMIT_PER_ADDRESS: RateRule = { limit: 3, windowMs: 60 * 60_000 };

export interface SubscribeLimits {
  perAddress: RateRule;
  /** New pending subscriptions (confirmation emails) an hour, over all addresses. */
  pendingPerHour: RateRule;
}

export function createSubscribeLimits(overrides: Partial<SubscribeLimits> = {}): SubscribeLimits {
  return {
    perAddress: SUBSCRIBE_LIMIT_PER_ADDRESS,
    pendingPerHour: { limit: getEnv().SUBSCRIBE_PENDING_PER_HOUR, windowMs: 60 * 60_000 },
    ...overrides,
  };
}

/** The form's limits, from the environment. */
export function subscribeLimits(): SubscribeLimits {
  return createSubscribeLimits();
}

export async function checkSubscribeClient(db: Db, client: string, now: Date): Promise<void> {
  const { allowed, retryAfterMs } = await takeRateToken(
    db,
    "subscribe:client",
    client,
    SUBSCRIBE_LIMIT_PER_CLIENT,
    now,
  );
  if (!allowed) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many subscription requests from your network. Please try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s).`,
    );
  }
}

/** False: this address has had its emails for now (the caller stays silent about it). */
export async function takeAddressToken(db: Db, limits: SubscribeLimits, email: string, now: Date): Promise<boolean> {
  return (await takeRateToken(db, "subscribe:address", email, limits.perAddress, now)).allowed;
}

export async function takePendingToken(db: Db, limits: SubscribeLimits, now: Date): Promise<void> {
  const { allowed } = await takeRateToken(db, "subscribe:pending", "all", limits.pendingPerHour, now);
  if (!allowed)
    throw new AppError(
      "RATE_LIMITED",
      "We are receiving an unusual number of subscription requests. Please try again in an hour.",
    );
}
