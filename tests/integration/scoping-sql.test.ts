// enqueueEvent's SQL and lib/domain/scoping.ts state one rule twice: over many
// random catalogs of scopes, subscriber states and affected ComponentRegions,
// the SQL writes a Notification for exactly the subscribers the pure rule picks.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Tier } from "../../lib/generated/prisma/enums.ts";
import { type AffectedComponentRegion, scopeCovers } from "../../lib/domain/scoping.ts";
import { enqueueEvent } from "../../lib/notifications/enqueue.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { makePayload, makeSubscriber } from "../support/subscriber-factories.ts";

let t: TestDatabase;
let regionIds: string[];
let componentIds: string[];
let componentRegions: (AffectedComponentRegion & { id: string })[];

beforeAll(async () => {
  t = await createTestDatabase();
  const product = await makeProduct(t.db);
  regionIds = [];
  for (let i = 0; i < 3; i++) regionIds.push((await makeRegion(t.db)).id);
  const tiers: Tier[] = ["TIER_1", "TIER_1", "TIER_2", "TIER_2"];
  componentIds = [];
  for (const tier of tiers) componentIds.push((await makeComponent(t.db, product.id, { tier })).id);
  componentRegions = [];
  // Not every component runs everywhere: the last one only in the first region.
  for (const [c, componentId] of componentIds.entries()) {
    for (const [r, regionId] of regionIds.entries()) {
      if (c === componentIds.length - 1 && r > 0) continue;
      const cr = await makeComponentRegion(t.db, componentId, regionId);
      componentRegions.push({ id: cr.id, componentId, regionId, tier: tiers[c]! });
    }
  }
});
afterAll(() => t.drop());

const subset = <T>(items: () => readonly T[]) => fc.nat().map((mask) => items().filter((_, i) => (mask >> i) & 1));

const subscriberArb = fc.record({
  all: fc.boolean(),
  tier1Only: fc.boolean(),
  regions: subset(() => regionIds),
  components: subset(() => componentIds),
  confirmed: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  unsubscribed: fc.boolean(),
  suppressed: fc.boolean(),
});

it("writes a notification for exactly the subscribers whose scope covers the event", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(subscriberArb, { minLength: 1, maxLength: 8 }),
      subset(() => componentRegions),
      async (subscribers, affected) => {
        run += 1;
        const created = [];
        for (const s of subscribers) {
          const row = await makeSubscriber(t.db, {
            scope: { all: s.all, tier1Only: s.tier1Only, regionIds: s.regions, componentIds: s.components },
            confirmed: s.confirmed,
            unsubscribed: s.unsubscribed,
            suppressed: s.suppressed,
          });
          created.push({ id: row.id, ...s });
        }
        try {
          const result = await t.db.$transaction((tx) =>
            enqueueEvent(tx, {
              kind: "incident_published",
              payload: makePayload(),
              dedupeKey: `property:${run}:${Math.random()}`,
              componentRegionIds: affected.map((cr) => cr.id),
            }),
          );
          const notified = await t.db.notification.findMany({
            where: { eventId: result!.eventId },
            select: { subscriberId: true },
          });
          const expected = created.filter(
            (s) =>
              s.confirmed &&
              !s.unsubscribed &&
              !s.suppressed &&
              scopeCovers(
                { all: s.all, tier1Only: s.tier1Only, regionIds: s.regions, componentIds: s.components },
                affected,
              ),
          );
          expect(notified.map((n) => n.subscriberId).sort()).toEqual(expected.map((s) => s.id).sort());
          expect(result!.notifications).toBe(expected.length);
        } finally {
          await t.db.notificationEvent.deleteMany({});
          await t.db.subscriber.deleteMany({ where: { id: { in: created.map((s) => s.id) } } });
        }
      },
    ),
    { numRuns: 300 },
  );
});

it("writes an event once: a second writer with the same dedupe key is a no-op", async () => {
  const cr = componentRegions[0]!;
  await makeSubscriber(t.db);
  const write = () =>
    t.db.$transaction((tx) =>
      enqueueEvent(tx, {
        kind: "incident_updated",
        payload: makePayload(),
        dedupeKey: "incident_updated:u1",
        componentRegionIds: [cr.id],
      }),
    );
  const first = await write();
  expect(first?.notifications).toBe(1);
  expect(await write()).toBeNull();
  expect(await t.db.notification.count()).toBe(1);
});
