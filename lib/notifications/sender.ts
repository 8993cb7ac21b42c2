// The outbox's sender: leases due Notification rows, renders each email,
// sends it over a pooled SMTP transport and records the outcome. Any number
// of senders may run (leases use FOR UPDATE SKIP LOCKED); one that dies
// leaves leases that expire, and its rows are sent by whoever comes next.
//
// Exactly once: a row is marked sent only after the SMTP server accepted the
// message, so a crash never loses one. The one window left is between the
// server's "250 OK" and the commit of the 'sent' mark (marks are grouped and
// committed as soon as the previous commit returns): a sender killed inside
// it makes the next one send those again — with the same Message-ID, which
// receivers use to drop duplicates. A sender keeps at most MAX_PENDING_PER_CONNECTION
// × maxConnections messages accepted but unrecorded (plus one per connection
// whose "250" is on its way), which bounds what one crash can repeat.
// README, "Exactly once".
import { renderEventEmail } from "../../emails/event-email.ts";
import type { Db } from "../db.ts";
import { afterFailure, classifySmtpFailure, type SmtpFailure } from "../domain/delivery.ts";
import { type EventPayload, eventPayloadSchema } from "./events.ts";
import {
  absoluteUrl,
  createMailTransport,
  type MailSettings,
  notificationMessageId,
  SITE_NAME,
  subscriberHeaders,
  subscriberLinks,
} from "./mail.ts";
import {
  type LeasedNotification,
  leaseDueNotifications,
  markFailed,
  markRetry,
  markSuppressed,
  releaseLeases,
} from "./outbox.ts";
import { SentMarks } from "./sent-marks.ts";

export const SENDER_DEFAULTS = {
  /** SMTP connections in the pool. */
  maxConnections: 5,
  /** Rows leased per query. */
  batchSize: 100,
  /** How long a lease holds; a row still unsent this long after its lease is someone else's. */
  leaseMs: 120_000,
  /** How often an idle sender looks for new rows. */
  pollMs: 1_000,
} as const;

/** Per connection: sends in flight at most, and accepted-but-unrecorded messages at most. */
export const MAX_PENDING_PER_CONNECTION = 3;

/** The most messages one crash of a sender can make the next one repeat. */
export function crashRepeatBound(maxConnections: number): number {
  return maxConnections * MAX_PENDING_PER_CONNECTION + maxConnections;
}

/** A message is not started with less lease left than this: SMTP's socket timeout plus a margin. */
const LEASE_MARGIN_MS = 45_000;

export interface SenderOptions {
  mail: MailSettings;
  maxConnections?: number;
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
  log?: (line: string) => void;
  random?: () => number;
}

export interface SenderStats {
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
}

export interface NotificationSender {
  readonly stats: SenderStats;
  stop(): Promise<void>;
}

function smtpFailureOf(error: unknown): SmtpFailure & { message: string } {
  const e = (error ?? {}) as { responseCode?: unknown; command?: unknown; response?: unknown; message?: unknown };
  return {
    responseCode: typeof e.responseCode === "number" ? e.responseCode : undefined,
    command: typeof e.command === "string" ? e.command : undefined,
    response: typeof e.response === "string" ? e.response : undefined,
    message: typeof e.response === "string" ? e.response : String(e.message ?? error),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function startNotificationSender(db: Db, options: SenderOptions): NotificationSender {
  const settings = { ...SENDER_DEFAULTS, ...options };
  const { mail, batchSize, leaseMs, pollMs } = settings;
  const log = options.log ?? (() => {});
  const random = options.random ?? Math.random;
  const transport = createMailTransport(mail, { maxConnections: settings.maxConnections });
  const cap = settings.maxConnections * MAX_PENDING_PER_CONNECTION;
  const margin = Math.min(LEASE_MARGIN_MS, leaseMs / 2);
  const stats: SenderStats = { sent: 0, retried: 0, failed: 0, suppressed: 0 };
  const payloads = new Map<string, EventPayload | null>();
  let stopped = false;
  let wake: (() => void) | null = null;
  let pausedUntil = 0;
  let pauseMs = 0;

  // Sends in flight, and accepted messages not yet recorded, each capped; only the run loop waits for room.
  let sending = 0;
  let slotFreed: (() => void) | null = null;
  const changed = () => {
    slotFreed?.();
    slotFreed = null;
  };
  const marks = new SentMarks(db, changed);
  const acquire = async () => {
    while (sending >= cap || marks.unrecorded >= cap) await new Promise<void>((resolve) => (slotFreed = resolve));
    sending += 1;
  };

  function payloadOf(row: LeasedNotification): EventPayload | null {
    if (!payloads.has(row.eventId)) {
      if (payloads.size > 1_000) payloads.clear();
      const parsed = eventPayloadSchema.safeParse(row.payload);
      payloads.set(row.eventId, parsed.success ? parsed.data : null);
    }
    return payloads.get(row.eventId)!;
  }

  /** "sent": recorded when its mark commits; "settled": recorded already. */
  async function sendOne(row: LeasedNotification): Promise<"sent" | "settled"> {
    const payload = payloadOf(row);
    if (!payload || !row.confirmedAt) {
      await markFailed(db, row.id, "the event's payload is not valid", null);
      stats.failed += 1;
      return "settled";
    }
    const links = subscriberLinks(mail, { id: row.subscriberId, confirmedAt: row.confirmedAt });
    const email = renderEventEmail({
      kind: row.kind,
      payload,
      siteName: mail.siteName ?? SITE_NAME,
      pageUrl: absoluteUrl(mail, payload.path),
      ...links,
    });
    const messageId = notificationMessageId(mail, row.id);
    try {
      await transport.sendMail({
        from: mail.from,
        to: row.email,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId,
        headers: subscriberHeaders(mail, links),
      });
      pauseMs = 0;
      stats.sent += 1;
      sending -= 1;
      marks.add({ id: row.id, messageId, sentAt: new Date() });
      changed();
      return "sent";
    } catch (error) {
      const failure = smtpFailureOf(error);
      const kind = classifySmtpFailure(failure);
      const next = afterFailure(kind, row.attempts, new Date(), random());
      if (next.state === "pending") {
        await markRetry(db, row.id, next.nextAttemptAt, failure.message);
        stats.retried += 1;
        if (failure.responseCode === undefined) {
          // No answer at all: the server is unreachable. Pause instead of burning every row's attempts.
          pauseMs = Math.min(60_000, Math.max(2_000, pauseMs * 2));
          pausedUntil = Date.now() + pauseMs;
          log(`SMTP unreachable (${failure.message}); pausing ${pauseMs / 1000} s`);
        }
      } else {
        await markFailed(
          db,
          row.id,
          failure.message,
          next.suppressSubscriber ? { subscriberId: row.subscriberId, at: new Date() } : null,
        );
        stats.failed += 1;
        if (next.suppressSubscriber) log(`suppressed ${row.email}: ${failure.message}`);
      }
      return "settled";
    }
  }

  async function run(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const start = (row: LeasedNotification) => {
      const attempt: Promise<void> = sendOne(row)
        .then(
          (outcome) => {
            if (outcome === "settled") {
              sending -= 1;
              changed();
            }
          },
          (error: unknown) => {
            // Not recorded (the database failed us): the lease runs out and the row is tried again.
            console.error("[bellwether] recording a notification's outcome failed", error);
            sending -= 1;
            changed();
          },
        )
        .finally(() => inFlight.delete(attempt));
      inFlight.add(attempt);
    };
    while (!stopped) {
      if (Date.now() < pausedUntil) {
        await sleep(Math.min(pollMs, pausedUntil - Date.now()));
        continue;
      }
      let rows: LeasedNotification[];
      try {
        rows = await leaseDueNotifications(db, { limit: batchSize, leaseMs, now: new Date() });
      } catch (error) {
        console.error("[bellwether] leasing notifications failed", error);
        await sleep(pollMs);
        continue;
      }
      if (rows.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs).unref();
        });
        wake = null;
        continue;
      }
      const inactive = rows.filter((r) => r.inactive);
      await markSuppressed(
        db,
        inactive.map((r) => r.id),
        "unsubscribed or suppressed before sending",
      ).catch((error: unknown) => console.error("[bellwether] marking suppressed notifications failed", error));
      stats.suppressed += inactive.length;
      const unstarted: string[] = [];
      for (const row of rows) {
        if (row.inactive) continue;
        const acquired = !stopped;
        if (acquired) await acquire();
        // Stopping, paused, or too little lease left: leave it for the next lease.
        if (stopped || Date.now() < pausedUntil || Date.now() > row.leasedUntil.getTime() - margin) {
          if (acquired) {
            sending -= 1;
            changed();
          }
          unstarted.push(row.id);
          continue;
        }
        start(row);
      }
      await releaseLeases(db, unstarted).catch(() => {});
    }
    await Promise.all(inFlight);
  }

  const running = run();
  let reported = "";
  const reporter = setInterval(() => {
    const line = `notifications: ${stats.sent} sent, ${stats.retried} retried, ${stats.failed} failed, ${stats.suppressed} suppressed`;
    if (line !== reported && stats.sent + stats.retried + stats.failed + stats.suppressed > 0) log(line);
    reported = line;
  }, 60_000);
  reporter.unref();

  return {
    stats,
    async stop() {
      stopped = true;
      wake?.();
      clearInterval(reporter);
      await running;
      await marks.flush();
      transport.close();
    },
  };
}
