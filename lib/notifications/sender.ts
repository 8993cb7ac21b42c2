// The outbox's sender: leases due Notification rows, hands each to the
// Channel its subscriber uses (channel.ts: email, webhook) and records the
// outcome. Any number of senders may run (leases use FOR UPDATE SKIP LOCKED);
// one that dies leaves leases that expire, and its rows are delivered by
// whoever comes next.
//
// Exactly once: a row is marked sent only after the receiver accepted it
// (SMTP "250 OK", an HTTP 2xx), so a crash never loses one. The one window
// left is between that acceptance and the commit of the 'sent' mark (marks
// are grouped and committed as soon as the previous commit returns): a
// sender killed inside it makes the next one deliver those again — with the
// same Message-ID or Bellwether-Delivery id, which receivers use to drop
// duplicates. Per channel, a sender keeps at most its capacity accepted but
// unrecorded (plus what is in flight), which bounds what one crash can
// repeat. README, "Exactly once".
import type { Db } from "../db.ts";
import { afterFailure } from "../domain/delivery.ts";
import { getEnv } from "../env.ts";
import { logError } from "../observability/log.ts";
import { publishOutboxCounters } from "../observability/metric-counters.ts";
import type { SubscriberChannel } from "../generated/prisma/enums.ts";
import type { LinkSettings, MailSettings } from "../mail/settings.ts";
import { subscriberLinks } from "../subscribers/links.ts";
import type { Channel } from "./channel.ts";
import { emailChannel, MAX_PENDING_PER_CONNECTION } from "./email-channel.ts";
import { type EventPayload, eventPayloadSchema } from "./events.ts";
import {
  type LeasedNotification,
  leaseDueNotifications,
  markFailed,
  markRetry,
  markSuppressed,
  releaseLeases,
} from "./outbox.ts";
import { SentMarks } from "./sent-marks.ts";
import { type WebhookChannelOptions, webhookChannel } from "./webhook-channel.ts";

export { MAX_PENDING_PER_CONNECTION };

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

/** The most emails one crash of a sender can make the next one repeat. */
export function crashRepeatBound(maxConnections: number): number {
  return maxConnections * MAX_PENDING_PER_CONNECTION + maxConnections;
}

/** A delivery is not started with less lease left than this: SMTP's socket timeout plus a margin. */
const LEASE_MARGIN_MS = 45_000;

export interface SenderOptions {
  /** The mail server; without one, email rows wait in the outbox and only webhooks go out. */
  mail?: MailSettings | null;
  /** Where links point and what signs them; defaults to the mail settings', else PUBLIC_URL and AUTH_SECRET. */
  links?: LinkSettings;
  /** Webhook delivery; by default public targets only, unless WEBHOOK_ALLOW_PRIVATE says otherwise. */
  webhook?: WebhookChannelOptions;
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

function linksFromEnv(): LinkSettings {
  const env = getEnv();
  if (!env.AUTH_SECRET) throw new Error("AUTH_SECRET is missing: it signs the links in every notification.");
  return { publicUrl: env.PUBLIC_URL, secret: env.AUTH_SECRET };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

interface ChannelState {
  channel: Channel;
  /** Deliveries in flight. */
  sending: number;
  /** Accepted, mark not committed yet. */
  unrecorded: number;
  pausedUntil: number;
  pauseMs: number;
}

export function startNotificationSender(db: Db, options: SenderOptions): NotificationSender {
  const settings = { ...SENDER_DEFAULTS, ...options };
  const { batchSize, leaseMs, pollMs } = settings;
  const log = options.log ?? (() => {});
  const random = options.random ?? Math.random;
  const links = options.links ?? options.mail ?? linksFromEnv();
  const channels = new Map<SubscriberChannel, ChannelState>();
  const add = (channel: Channel) =>
    channels.set(channel.name, { channel, sending: 0, unrecorded: 0, pausedUntil: 0, pauseMs: 0 });
  if (options.mail) add(emailChannel(options.mail, { maxConnections: settings.maxConnections }));
  add(webhookChannel(links, options.webhook ?? { allowPrivate: getEnv().WEBHOOK_ALLOW_PRIVATE }));
  const names = [...channels.keys()];
  const margin = Math.min(LEASE_MARGIN_MS, leaseMs / 2);
  const stats: SenderStats = { sent: 0, retried: 0, failed: 0, suppressed: 0 };
  // Its totals go to PostgreSQL too: /metrics on any replica shows them (lib/observability/metrics.ts).
  const counters = publishOutboxCounters(db, "subscribers", () => stats);
  const payloads = new Map<string, EventPayload | null>();
  let stopped = false;
  let wake: (() => void) | null = null;

  // Per channel, deliveries in flight and accepted ones not yet recorded are each capped; only the run loop waits.
  let slotFreed: (() => void) | null = null;
  const changed = () => {
    slotFreed?.();
    slotFreed = null;
  };
  const marks = new SentMarks(db, (recorded) => {
    for (const mark of recorded) channels.get(mark.channel)!.unrecorded -= 1;
    changed();
  });
  const full = (c: ChannelState) => c.sending >= c.channel.capacity || c.unrecorded >= c.channel.capacity;
  const acquire = async (c: ChannelState) => {
    while (full(c)) await new Promise<void>((resolve) => (slotFreed = resolve));
    c.sending += 1;
  };
  const releaseSlot = (c: ChannelState) => {
    c.sending -= 1;
    changed();
  };

  function payloadOf(row: LeasedNotification): EventPayload | null {
    if (!payloads.has(row.eventId)) {
      if (payloads.size > 1_000) payloads.clear();
      const parsed = eventPayloadSchema.safeParse(row.payload);
      payloads.set(row.eventId, parsed.success ? parsed.data : null);
    }
    return payloads.get(row.eventId)!;
  }

  /** Delivers one row and records its outcome (a success through the grouped marks). */
  async function deliverOne(c: ChannelState, row: LeasedNotification): Promise<void> {
    const payload = payloadOf(row);
    if (!payload || !row.confirmedAt) {
      await markFailed(db, row.id, "the event's payload is not valid", null);
      stats.failed += 1;
      return;
    }
    const { channel } = c;
    try {
      const links_ = subscriberLinks(links, { id: row.subscriberId, confirmedAt: row.confirmedAt });
      const { messageId } = await channel.deliver({ notification: row, payload, links: links_ });
      c.pauseMs = 0;
      stats.sent += 1;
      c.unrecorded += 1;
      marks.add({ id: row.id, messageId, sentAt: new Date(), channel: channel.name });
    } catch (error) {
      const failure = channel.classify(error);
      const next = afterFailure(failure.kind, row.attempts, new Date(), random());
      if (next.state === "pending") {
        await markRetry(db, row.id, next.nextAttemptAt, failure.message);
        stats.retried += 1;
        if (failure.channelDown) {
          // No answer at all: the server is unreachable. Pause the channel instead of burning every row's attempts.
          c.pauseMs = Math.min(60_000, Math.max(2_000, c.pauseMs * 2));
          c.pausedUntil = Date.now() + c.pauseMs;
          log(`${channel.name} unreachable (${failure.message}); pausing it ${c.pauseMs / 1000} s`);
        }
        return;
      }
      const suppressAfter = next.suppressSubscriber ? 1 : channel.suppressAfterPermanentFailures;
      const suppressed = await markFailed(
        db,
        row.id,
        failure.message,
        suppressAfter === null
          ? null
          : {
              subscriberId: row.subscriberId,
              at: new Date(),
              reason: next.suppressSubscriber ? "hard bounce" : `${suppressAfter} permanent failures in a row`,
              afterFailures: suppressAfter,
            },
      );
      stats.failed += 1;
      if (suppressed) log(`suppressed a ${channel.name} subscriber (${row.subscriberId}): ${failure.message}`);
    }
  }

  async function run(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const start = (c: ChannelState, row: LeasedNotification) => {
      const attempt: Promise<void> = deliverOne(c, row)
        .catch((error: unknown) => {
          // Not recorded (the database failed us): the lease runs out and the row is tried again.
          logError("recording a notification's outcome failed", error);
        })
        .finally(() => {
          releaseSlot(c);
          inFlight.delete(attempt);
        });
      inFlight.add(attempt);
    };
    while (!stopped) {
      const now = Date.now();
      const ready = names.filter((name) => channels.get(name)!.pausedUntil <= now);
      if (ready.length === 0) {
        await sleep(Math.min(pollMs, Math.min(...names.map((n) => channels.get(n)!.pausedUntil)) - now));
        continue;
      }
      let rows: LeasedNotification[];
      try {
        rows = await leaseDueNotifications(db, { limit: batchSize, leaseMs, now: new Date(), channels: ready });
      } catch (error) {
        logError("leasing notifications failed", error);
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
      ).catch((error: unknown) => logError("marking suppressed notifications failed", error));
      stats.suppressed += inactive.length;
      const unstarted: string[] = [];
      for (const row of rows) {
        if (row.inactive) continue;
        const c = channels.get(row.channel);
        if (!c) {
          unstarted.push(row.id);
          continue;
        }
        const acquired = !stopped;
        if (acquired) await acquire(c);
        // Stopping, paused, or too little lease left: leave it for the next lease.
        if (stopped || Date.now() < c.pausedUntil || Date.now() > row.leasedUntil.getTime() - margin) {
          if (acquired) releaseSlot(c);
          unstarted.push(row.id);
          continue;
        }
        start(c, row);
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
      changed();
      clearInterval(reporter);
      await running;
      await marks.flush();
      await counters.stop();
      for (const c of channels.values()) c.channel.close();
    },
  };
}
