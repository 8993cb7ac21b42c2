// The tokens in subscription links. Confirmation: 256 random bits, only the
// SHA-256 stored, usable once, expiring. Manage and unsubscribe: an HMAC over
// the subscriber's id, the link's purpose and the confirmation time, keyed
// with AUTH_SECRET — nothing stored, valid as long as that subscription is,
// and void once the address re-subscribes (a new confirmation time).
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 48 * 60 * 60_000;

export type LinkPurpose = "manage" | "unsubscribe";

export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function signature(secret: string, purpose: LinkPurpose, subscriberId: string, confirmedAt: Date): Buffer {
  return createHmac("sha256", secret)
    .update(`bellwether/subscriber/${purpose}\n${subscriberId}\n${confirmedAt.getTime()}`)
    .digest();
}

export function signSubscriberLink(
  secret: string,
  purpose: LinkPurpose,
  subscriberId: string,
  confirmedAt: Date,
): string {
  return `${subscriberId}.${signature(secret, purpose, subscriberId, confirmedAt).toString("base64url")}`;
}

/** The subscriber a link names — not yet trusted: check it with verifySubscriberLink. */
export function subscriberIdOfLink(token: string): string | null {
  const match = /^([a-z0-9]{1,40})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? match[1]! : null;
}

export function verifySubscriberLink(
  secret: string,
  purpose: LinkPurpose,
  token: string,
  subscriber: { id: string; confirmedAt: Date | null },
): boolean {
  if (!subscriber.confirmedAt || subscriberIdOfLink(token) !== subscriber.id) return false;
  const given = Buffer.from(token.slice(subscriber.id.length + 1), "base64url");
  const expected = signature(secret, purpose, subscriber.id, subscriber.confirmedAt);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
