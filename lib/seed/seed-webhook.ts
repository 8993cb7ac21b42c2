// The demo's webhook subscriber: one that points at the demo's own catcher
// (/api/demo/webhooks/demo-team, shown at /admin/mailbox/webhooks), and, once,
// the latest published incident delivered to it through the real outbox, so
// the catcher page shows a signed delivery from the first start. Idempotent:
// runs on every start, writes only what is missing.
import type { Db } from "../db.ts";
import { CATCHER_PATH } from "../webhooks/demo-catcher.ts";
import { newWebhookSecret } from "../webhooks/signature.ts";

export const DEMO_WEBHOOK_NAME = "demo-team";
const WELCOME_KEY = "demo-webhook:first-delivery";

export function demoWebhookUrl(publicUrl: string): string {
  return new URL(`${CATCHER_PATH}/${DEMO_WEBHOOK_NAME}`, publicUrl).toString();
}

export async function seedDemoWebhook(db: Db, publicUrl: string, now: Date = new Date()): Promise<boolean> {
  const url = demoWebhookUrl(publicUrl);
  const existing = await db.subscriber.findUnique({ where: { webhookUrl: url }, select: { id: true } });
  if (existing) return false;
  const incident = await db.incident.findFirst({
    where: { publishedAt: { not: null } },
    orderBy: { startedAt: "desc" },
    select: { id: true, title: true, status: true, impact: true, updates: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  await db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.create({
      data: {
        channel: "webhook",
        webhookUrl: url,
        webhookSecret: newWebhookSecret(),
        webhookFormat: "json",
        scopeAll: true,
        confirmedAt: now,
      },
    });
    if (!incident) return;
    // Written as fanned out already: it is for this subscriber alone, not for every reader of the demo.
    const event = await tx.notificationEvent.upsert({
      where: { dedupeKey: WELCOME_KEY },
      update: {},
      create: {
        kind: "incident_published",
        incidentId: incident.id,
        dedupeKey: WELCOME_KEY,
        fannedOutAt: now,
        payload: {
          title: incident.title,
          path: `/incidents/${incident.id}`,
          status: incident.status,
          impact: incident.impact,
          message: incident.updates[0]?.message ?? incident.title,
          affected: [],
          at: now.toISOString(),
        },
      },
    });
    await tx.notification.create({ data: { eventId: event.id, subscriberId: subscriber.id, nextAttemptAt: now } });
  });
  return true;
}
