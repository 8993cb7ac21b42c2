// The demo's readers, one in every state the subscribers console shows:
// confirmed with each kind of scope, pending, unsubscribed, suppressed after a
// hard bounce, and one following a single incident — with a delivery history
// (sent, failed, bounced) on the demo's own events. Idempotent: runs on every
// start and writes only the readers that are missing. Their addresses are
// @example.com, so in the demo every email lands in the mail catcher.
import type { Db } from "../db.ts";
import type { NotificationState } from "../generated/prisma/enums.ts";
import { newConfirmToken } from "../subscribers/tokens.ts";

interface DemoReader {
  email: string;
  scope: { all: boolean; tier1Only?: boolean; regionKeys?: string[]; componentKeys?: string[] };
  state: "pending" | "confirmed" | "unsubscribed" | "suppressed";
  followsIncident?: boolean;
  suppressReason?: string;
  /** Outbox rows on the demo's latest events, newest first. */
  deliveries?: { state: NotificationState; lastError?: string }[];
}

export const DEMO_READERS: readonly DemoReader[] = [
  {
    email: "platform-team@example.com",
    scope: { all: true },
    state: "confirmed",
    deliveries: [{ state: "sent" }, { state: "sent" }, { state: "sent" }],
  },
  {
    email: "eu-storefront@example.com",
    scope: { all: false, regionKeys: ["europe-west1.gcp", "eu-central-1.aws"] },
    state: "confirmed",
    deliveries: [
      { state: "sent" },
      { state: "failed", lastError: "421 4.7.0 Try again later, closing connection (gave up after 8 attempts)" },
    ],
  },
  {
    email: "checkout-oncall@example.com",
    scope: { all: false, tier1Only: true, componentKeys: ["checkout", "carts-orders-api"] },
    state: "confirmed",
    deliveries: [{ state: "sent" }],
  },
  { email: "new-reader@example.com", scope: { all: true }, state: "pending" },
  {
    email: "former-customer@example.com",
    scope: { all: false, regionKeys: ["us-east-2.aws"] },
    state: "unsubscribed",
    deliveries: [{ state: "sent" }],
  },
  {
    email: "old-mailbox@example.com",
    scope: { all: true },
    state: "suppressed",
    suppressReason: "hard bounce: 550 5.1.1 <old-mailbox@example.com>: mailbox unavailable",
    deliveries: [{ state: "suppressed", lastError: "550 5.1.1 mailbox unavailable" }, { state: "sent" }],
  },
  {
    email: "store-owner@example.com",
    scope: { all: false },
    state: "confirmed",
    followsIncident: true,
    deliveries: [{ state: "sent" }, { state: "sent" }],
  },
];

export async function seedDemoSubscribers(db: Db, now: Date = new Date()): Promise<number> {
  const existing = new Set(
    (
      await db.subscriber.findMany({
        where: { email: { in: DEMO_READERS.map((r) => r.email) } },
        select: { email: true },
      })
    ).map((s) => s.email),
  );
  const missing = DEMO_READERS.filter((r) => !existing.has(r.email));
  if (missing.length === 0) return 0;
  const [regions, components, events, incident] = await Promise.all([
    db.region.findMany({ select: { id: true, key: true } }),
    db.component.findMany({ select: { id: true, key: true } }),
    db.notificationEvent.findMany({ orderBy: { createdAt: "desc" }, take: 5, select: { id: true, createdAt: true } }),
    db.incident.findFirst({
      where: { review: "approved" },
      orderBy: [{ resolvedAt: { sort: "desc", nulls: "first" } }, { startedAt: "desc" }],
      select: { id: true },
    }),
  ]);
  const day = 86_400_000;
  await db.$transaction(async (tx) => {
    for (const [i, reader] of missing.entries()) {
      const since = new Date(now.getTime() - (40 - i * 5) * day);
      const confirmed = reader.state !== "pending";
      const pending = reader.state === "pending" ? newConfirmToken() : null;
      const row = await tx.subscriber.create({
        data: {
          email: reader.email,
          scopeAll: reader.scope.all,
          tier1Only: reader.scope.tier1Only ?? false,
          createdAt: since,
          confirmedAt: confirmed ? new Date(since.getTime() + 600_000) : null,
          confirmTokenHash: pending?.hash ?? null,
          confirmExpiresAt: pending ? new Date(now.getTime() + 2 * day) : null,
          unsubscribedAt: reader.state === "unsubscribed" ? new Date(now.getTime() - 3 * day) : null,
          suppressedAt: reader.state === "suppressed" ? new Date(now.getTime() - 2 * day) : null,
          suppressReason: reader.suppressReason ?? null,
          regions: {
            create: regions.filter((r) => reader.scope.regionKeys?.includes(r.key)).map((r) => ({ regionId: r.id })),
          },
          components: {
            create: components
              .filter((c) => reader.scope.componentKeys?.includes(c.key))
              .map((c) => ({ componentId: c.id })),
          },
        },
      });
      if (reader.followsIncident && incident)
        await tx.subscriberIncident.create({ data: { subscriberId: row.id, incidentId: incident.id } });
      for (const [j, delivery] of (reader.deliveries ?? []).entries()) {
        const event = events[j];
        if (!event) break;
        await tx.notification.upsert({
          where: { eventId_subscriberId: { eventId: event.id, subscriberId: row.id } },
          update: {},
          create: {
            eventId: event.id,
            subscriberId: row.id,
            state: delivery.state,
            attempts: delivery.state === "failed" ? 8 : 1,
            lastError: delivery.lastError ?? null,
            nextAttemptAt: event.createdAt,
            sentAt: delivery.state === "sent" ? new Date(event.createdAt.getTime() + 2_000) : null,
            createdAt: event.createdAt,
          },
        });
      }
    }
  });
  return missing.length;
}
