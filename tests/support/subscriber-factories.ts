// Factories for subscribers and outbox tests: each test creates exactly the
// subscribers it needs, confirmed or not, with the scope it needs.
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import type { SubscriberScope } from "../../lib/domain/scoping.ts";
import type { EventPayload } from "../../lib/notifications/events.ts";

const uid = () => randomBytes(5).toString("hex");

export interface SubscriberOverrides {
  email?: string;
  scope?: Partial<SubscriberScope>;
  confirmed?: boolean;
  unsubscribed?: boolean;
  suppressed?: boolean;
}

export async function makeSubscriber(db: Db, overrides: SubscriberOverrides = {}) {
  const scope: SubscriberScope = { all: true, tier1Only: false, regionIds: [], componentIds: [], ...overrides.scope };
  const now = new Date();
  return db.subscriber.create({
    data: {
      email: (overrides.email ?? `reader-${uid()}@example.test`).toLowerCase(),
      scopeAll: scope.all,
      tier1Only: scope.tier1Only,
      confirmedAt: (overrides.confirmed ?? true) ? now : null,
      unsubscribedAt: overrides.unsubscribed ? now : null,
      suppressedAt: overrides.suppressed ? now : null,
      regions: { create: scope.regionIds.map((regionId) => ({ regionId })) },
      components: { create: scope.componentIds.map((componentId) => ({ componentId })) },
    },
  });
}

export function makePayload(overrides: Partial<EventPayload> = {}): EventPayload {
  return {
    title: "Checkout errors in us-central1",
    path: "/incidents/test",
    status: "investigating",
    impact: "major",
    message: "We are investigating elevated error rates.",
    affected: [{ component: "Checkout", region: "us-central1.gcp", status: "major_outage" }],
    at: new Date().toISOString(),
    ...overrides,
  };
}
