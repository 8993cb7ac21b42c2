// What the outbox does after an SMTP attempt fails. Pure: the sender passes in
// the error nodemailer gave, the attempt number, `now` and a random number.

/** Attempts before a notification is given up as failed (the last waits about an hour). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** The first retry waits about this long; each further one twice as long … */
export const RETRY_BASE_MS = 30_000;
/** … up to this. */
export const RETRY_MAX_MS = 60 * 60_000;

/** retry: 4xx or no answer; permanent: 5xx; hard_bounce: the mailbox does not exist — stop writing to it. */
export type DeliveryFailure = "retry" | "permanent" | "hard_bounce";

export interface SmtpFailure {
  /** The server's reply code, when it replied. */
  responseCode?: number;
  /** The SMTP command that failed, e.g. "RCPT TO" or "DATA". */
  command?: string;
  /** The server's reply text, e.g. "550 5.1.1 <x@example.com>: user unknown". */
  response?: string;
}

/** Enhanced status codes (RFC 3463) that mean the address itself is bad or gone. */
const BAD_MAILBOX = /^5\.(1\.\d+|2\.1)$/;

export function classifySmtpFailure(failure: SmtpFailure): DeliveryFailure {
  const code = failure.responseCode;
  if (code === undefined || code < 500) return "retry";
  if (failure.command !== "RCPT TO") return "permanent";
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(failure.response ?? "")?.[1];
  if (enhanced !== undefined) return BAD_MAILBOX.test(enhanced) ? "hard_bounce" : "permanent";
  // Without an enhanced code: "mailbox unavailable", "user not local", "mailbox name not allowed".
  return code === 550 || code === 551 || code === 553 ? "hard_bounce" : "permanent";
}

/** Exponential backoff with ±20 % jitter, so that a failed burst does not retry in step. `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

export type AfterFailure = { state: "pending"; nextAttemptAt: Date } | { state: "failed"; suppressSubscriber: boolean };

/** `attempts` counts the attempt that just failed. */
export function afterFailure(failure: DeliveryFailure, attempts: number, now: Date, random: number): AfterFailure {
  if (failure === "hard_bounce") return { state: "failed", suppressSubscriber: true };
  if (failure === "permanent" || attempts >= MAX_DELIVERY_ATTEMPTS)
    return { state: "failed", suppressSubscriber: false };
  return { state: "pending", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)) };
}

/** A webhook's answer, or the lack of one (`status` undefined: refused, timed out, reset). */
export interface HttpFailure {
  status?: number;
  /** The target is not one we may call (SSRF rules) or not a URL at all: trying again cannot help. */
  refused?: boolean;
}

/**
 * retry: no answer, 5xx, 408 Request Timeout, 429 Too Many Requests; permanent: other 4xx, a redirect
 * (never followed: it could point anywhere) and a refused target. A webhook never hard-bounces at once:
 * the sender suppresses it after WEBHOOK_PERMANENT_FAILURES_TO_SUPPRESS permanent failures in a row.
 */
export function classifyHttpFailure(failure: HttpFailure): DeliveryFailure {
  if (failure.refused) return "permanent";
  const status = failure.status;
  if (status === undefined || status >= 500 || status === 408 || status === 429) return "retry";
  return "permanent";
}

/** Permanent failures in a row (the subscriber's latest settled notifications) that switch a webhook off. */
export const WEBHOOK_PERMANENT_FAILURES_TO_SUPPRESS = 3;
