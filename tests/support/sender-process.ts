// Test fixture: the outbox sender in a process of its own, so that a test can
// kill -9 it in the middle of a fan-out; beside it, as the worker runs it, the
// fan-out that writes new events' outbox rows.
// Usage: DATABASE_URL=… SMTP_URL=… LEASE_MS=… node --import tsx tests/support/sender-process.ts
import { createDb } from "../../lib/db.ts";
import { startFanOut } from "../../lib/notifications/fan-out.ts";
import { startNotificationSender } from "../../lib/notifications/sender.ts";

const db = createDb(process.env.DATABASE_URL!, { max: 4 });
const sender = startNotificationSender(db, {
  mail: {
    smtpUrl: process.env.SMTP_URL!,
    from: "Status <status@status.example.test>",
    publicUrl: "https://status.example.test",
    secret: "x".repeat(40),
  },
  leaseMs: Number(process.env.LEASE_MS ?? 120_000),
  pollMs: 100,
});
const fanOut = startFanOut(db, { pollMs: 100 });
process.on("SIGTERM", () => {
  void Promise.all([fanOut.stop(), sender.stop()]).then(() => db.$disconnect().then(() => process.exit(0)));
});
console.log("ready");
