// How a receiver knows a webhook came from us: every request carries
// Bellwether-Timestamp (Unix seconds) and Bellwether-Signature
// (`v1=` + hex HMAC-SHA256 over `<timestamp>.<raw body>`, keyed with the
// subscriber's own secret). The timestamp inside the signature lets a
// receiver refuse old requests replayed later. README, "Webhooks".
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Bellwether-Signature";
export const TIMESTAMP_HEADER = "Bellwether-Timestamp";
/** The outbox row's id: the same delivery tried again carries the same one, so receivers can drop a repeat. */
export const DELIVERY_HEADER = "Bellwether-Delivery";
export const EVENT_HEADER = "Bellwether-Event";

/** Receivers should refuse a timestamp further than this from their clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** 256 random bits, recognisable in a config file or a leak scanner. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body),
  };
}

/** What a receiver does (the README shows the same in a few lines of Node). */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: string,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || !headers.signature) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
