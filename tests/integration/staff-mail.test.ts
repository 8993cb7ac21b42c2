// The staff outbox against a real SMTP server: one row per dedupeKey however
// often (and however concurrently) a job writes it, attachments that arrive
// intact, two senders draining one outbox without sending anything twice,
// and a temporary failure that is retried later.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../lib/db.ts";
import { enqueueStaffMail, sendDueStaffMail } from "../../lib/mail/staff-mail.ts";
import type { MailSettings } from "../../lib/mail/settings.ts";
import { createMailTransport } from "../../lib/mail/transport.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";

let t: TestDatabase;
let sink: SmtpSink;
let mail: MailSettings;

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  mail = {
    smtpUrl: sink.url,
    from: "Status <status@status.example.test>",
    publicUrl: "https://status.example.test",
    secret: "x".repeat(40),
  };
});
afterAll(async () => {
  await sink.close();
  await t.drop();
});
beforeEach(async () => {
  sink.clear();
  await t.db.staffMail.deleteMany({});
});

const message = (dedupeKey: string, to = "owner@example.test") => ({
  dedupeKey,
  to,
  subject: `About ${dedupeKey}`,
  text: "plain",
  html: "<p>html</p>",
});

describe("the staff outbox", () => {
  it("keeps one row per dedupeKey, also when two writers race", async () => {
    const other = createDb(t.url, { max: 2 });
    try {
      const results = await Promise.all([
        enqueueStaffMail(t.db, message("reminder:1:2026-12-04")),
        enqueueStaffMail(other, message("reminder:1:2026-12-04")),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await enqueueStaffMail(t.db, message("reminder:1:2026-12-04"))).toBe(false);
      expect(await t.db.staffMail.count()).toBe(1);
    } finally {
      await other.$disconnect();
    }
  });

  it("delivers each message once, with its attachments, when two senders drain at the same time", async () => {
    const pdf = Buffer.from("%PDF-1.4 fake but binary \u0000\u00ff", "latin1");
    for (let i = 0; i < 6; i++) {
      await enqueueStaffMail(t.db, {
        ...message(`statement:${i}`, `contact${i}@example.test`),
        attachments: [{ filename: "s.pdf", contentType: "application/pdf", content: pdf }],
      });
    }
    const other = createDb(t.url, { max: 2 });
    const transports = [createMailTransport(mail), createMailTransport(mail)];
    try {
      const now = new Date();
      const [a, b] = await Promise.all([
        sendDueStaffMail(t.db, now, { mail, transport: transports[0]! }),
        sendDueStaffMail(other, now, { mail, transport: transports[1]! }),
      ]);
      expect(a.sent + b.sent).toBe(6);
      await sink.waitFor(6);
      expect(sink.messages).toHaveLength(6);
      const parsed = await sink.parse(sink.messages[0]!);
      expect(parsed.attachments[0]?.filename).toBe("s.pdf");
      expect(Buffer.compare(parsed.attachments[0]!.content, pdf)).toBe(0);
      expect(await t.db.staffMail.count({ where: { state: "sent" } })).toBe(6);
      // Nothing is due any more: a third pass sends nothing.
      expect((await sendDueStaffMail(t.db, new Date(), { mail, transport: transports[0]! })).sent).toBe(0);
    } finally {
      for (const transport of transports) transport.close();
      await other.$disconnect();
    }
  });

  it("retries a temporary failure later instead of losing the message", async () => {
    sink.deferOnce("busy@example.test", 1);
    await enqueueStaffMail(t.db, message("digest:busy", "busy@example.test"));
    const transport = createMailTransport(mail);
    try {
      const now = new Date();
      expect(await sendDueStaffMail(t.db, now, { mail, transport, random: () => 0.5 })).toEqual({ sent: 0, failed: 0 });
      const row = await t.db.staffMail.findFirstOrThrow();
      expect(row.state).toBe("pending");
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
      expect((await sendDueStaffMail(t.db, new Date(row.nextAttemptAt.getTime() + 1), { mail, transport })).sent).toBe(
        1,
      );
      await sink.waitFor(1);
    } finally {
      transport.close();
    }
  });
});
