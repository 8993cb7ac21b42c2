// Mail to people rather than subscribers — action-item reminders, the overdue
// digest, issued SLA statements — through one small outbox (StaffMail).
// Jobs write a row under a deterministic dedupeKey, so two workers or two runs
// of one job write it once; a sender leases due rows (FOR UPDATE SKIP LOCKED)
// and marks each sent only after the mail server accepted it.
import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "../db.ts";
import { afterFailure, classifySmtpFailure } from "../domain/delivery.ts";
import { logError } from "../observability/log.ts";
import { addToCounters, outboxCounterKey } from "../observability/metric-counters.ts";
import { type MailSettings, mailDomain } from "./settings.ts";
import { createMailTransport } from "./transport.ts";

export interface StaffMailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface StaffMailInput {
  /** Deterministic, e.g. `action-item-reminder:<itemId>:<YYYY-MM-DD>`: a second write of it is a no-op. */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: StaffMailAttachment[];
}

type Client = Db | Prisma.TransactionClient;

/** Queues one mail; false when a mail with this dedupeKey was already queued (or sent). */
export async function enqueueStaffMail(client: Client, mail: StaffMailInput, now: Date = new Date()): Promise<boolean> {
  const attachments = (mail.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    base64: a.content.toString("base64"),
  }));
  const written = await client.$executeRaw`
    INSERT INTO "StaffMail" ("id", "dedupeKey", "to", "subject", "text", "html", "attachments", "nextAttemptAt", "createdAt")
    VALUES (${randomUUID()}, ${mail.dedupeKey}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html}, ${JSON.stringify(attachments)}::jsonb, ${now}, ${now})
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  return written === 1;
}

interface LeasedStaffMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; base64: string }[];
  attempts: number;
}

const LEASE_MS = 120_000;
const BATCH = 20;

async function leaseDue(db: Db, now: Date): Promise<LeasedStaffMail[]> {
  const leasedUntil = new Date(now.getTime() + LEASE_MS);
  return db.$queryRaw<LeasedStaffMail[]>`
    UPDATE "StaffMail" m
       SET "state" = 'sending', "leasedUntil" = ${leasedUntil}, "attempts" = m."attempts" + 1
     WHERE m."id" IN (
       SELECT "id" FROM "StaffMail"
        WHERE ("state" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("state" = 'sending' AND "leasedUntil" < ${now})
        ORDER BY "nextAttemptAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING m."id", m."to", m."subject", m."text", m."html", m."attachments", m."attempts"`;
}

export type StaffMailTransport = ReturnType<typeof createMailTransport>;

/**
 * Sends what is due now, one lease at a time, until nothing is due. Safe on
 * every replica. Failures follow the subscriber outbox's rules (lib/domain/delivery.ts).
 */
export async function sendDueStaffMail(
  db: Db,
  now: Date,
  options: { mail: MailSettings; transport: StaffMailTransport; random?: () => number },
): Promise<{ sent: number; failed: number }> {
  const random = options.random ?? Math.random;
  const counts = { sent: 0, failed: 0 };
  for (;;) {
    const rows = await leaseDue(db, now);
    if (rows.length === 0) return counts;
    for (const row of rows) {
      try {
        await options.transport.sendMail({
          from: options.mail.from,
          to: row.to,
          subject: row.subject,
          text: row.text,
          html: row.html,
          messageId: `<staff-${row.id}@${mailDomain(options.mail)}>`,
          attachments: row.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.base64, "base64"),
          })),
        });
        await db.$executeRaw`UPDATE "StaffMail" SET "state" = 'sent', "sentAt" = ${new Date()}, "leasedUntil" = NULL, "lastError" = NULL WHERE "id" = ${row.id}`;
        counts.sent += 1;
      } catch (error) {
        const e = (error ?? {}) as { responseCode?: number; command?: string; response?: string; message?: string };
        const next = afterFailure(classifySmtpFailure(e), row.attempts, now, random());
        const message = String(e.response ?? e.message ?? error).slice(0, 1000);
        if (next.state === "pending") {
          await db.$executeRaw`UPDATE "StaffMail" SET "state" = 'pending', "nextAttemptAt" = ${next.nextAttemptAt}, "leasedUntil" = NULL, "lastError" = ${message} WHERE "id" = ${row.id}`;
        } else {
          await db.$executeRaw`UPDATE "StaffMail" SET "state" = 'failed', "leasedUntil" = NULL, "lastError" = ${message} WHERE "id" = ${row.id}`;
          counts.failed += 1;
        }
      }
    }
  }
}

export interface StaffMailSender {
  stop(): Promise<void>;
}

/** Polls the staff outbox; runs beside the subscriber sender wherever mail is configured. */
export function startStaffMailSender(
  db: Db,
  options: { mail: MailSettings; pollMs?: number; log?: (line: string) => void },
): StaffMailSender {
  const transport = createMailTransport(options.mail, { maxConnections: 1 });
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sendDueStaffMail(db, new Date(), { mail: options.mail, transport })
      .then(async (c) => {
        if (c.sent || c.failed) options.log?.(`staff mail: ${c.sent} sent, ${c.failed} failed`);
        // For /metrics on any replica (lib/observability/metrics.ts).
        await addToCounters(db, {
          [outboxCounterKey("staff", "sent")]: c.sent,
          [outboxCounterKey("staff", "failed")]: c.failed,
        });
      })
      .catch((error: unknown) => logError("sending staff mail failed", error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.pollMs ?? 5_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
