// Test fixture: the outbox sender with no mail server, delivering webhooks
// only, in a process of its own, so that a test can kill -9 it in the middle
// of a fan-out. Private targets are allowed: the receiver is on 127.0.0.1.
// Usage: DATABASE_URL=… LEASE_MS=… node --import tsx tests/support/webhook-sender-process.ts
import { createDb } from "../../lib/db.ts";
import { startNotificationSender } from "../../lib/notifications/sender.ts";

const db = createDb(process.env.DATABASE_URL!, { max: 4 });
const sender = startNotificationSender(db, {
  mail: null,
  links: { publicUrl: "https://status.example.test", secret: "x".repeat(40) },
  webhook: { allowPrivate: true },
  leaseMs: Number(process.env.LEASE_MS ?? 120_000),
  pollMs: 100,
});
process.on("SIGTERM", () => {
  void sender.stop().then(() => db.$disconnect().then(() => process.exit(0)));
});
console.log("ready");
