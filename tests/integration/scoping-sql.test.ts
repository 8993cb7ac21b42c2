// enqueueChunk's SQL and lib/domain/scoping.ts state one rule twice: over many
// random catalogs of scopes, followed incidents, subscriber states and events,
// the SQL writes a Notification for exactly the subscribers the pure rule picks.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Tier } from "../../lib/generated/prisma/enums.ts";
import { type AffectedComponentRegion, type ScopedEvent, subscriberHears } from "../../lib/domain/scoping.ts";
import type { EventKind } from "../../lib/notifications/events.ts";
import { enqueueEvent } from "../../lib/notifications/enqueue.ts";
import { fanOutEvent } from "../../lib/notifications/fan-out.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeIncident, makeProduct, makeRegion } from "../support/factories.ts";
import { makePayload, makeSubscriber } from "../support/subscriber-factories.ts";

let t: TestDatabase;
let regionIds: string[];
let componentIds: string[];
let componentRegions: (AffectedComponentRegion & { id: string })[];
let incidentIds: string[];

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
  incidentIds = [(await makeIncident(t.db, [])).id, (await makeIncident(t.db, [])).id];
});
afterAll(() => t.drop());

const subset = <T>(items: () => readonly T[]) => fc.nat().map((mask) => items().filter((_, i) => (mask >> i) & 1));

const subscriberArb = fc.record({
  all: fc.boolean(),
  tier1Only: fc.boolean(),
  regions: subset(() => regionIds),
  components: subset(() => componentIds),
  follows: subset(() => incidentIds),
  confirmed: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  unsubscribed: fc.boolean(),
  suppressed: fc.boolean(),
});

const KINDS: EventKind[] = [
  "incident_published",
  "incident_updated",
  "incident_resolved",
  "postmortem_published",
  "maintenance_started",
];

const eventArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  incident: fc.integer({ min: -1, max: 1 }),
  incidentResolved: fc.boolean(),
  affected: subset(() => componentRegions),
});

async function follow(subscriberId: string, followed: readonly string[]) {
  if (followed.length)
    await t.db.subscriberIncident.createMany({ data: followed.map((incidentId) => ({ subscriberId, incidentId })) });
}

// Hundreds of database round trips per run: minutes on a busy 2-core machine, hence the long timeouts.
it("writes a notification for exactly the subscribers whose scope or followed incident covers the event", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(subscriberArb, { minLength: 1, maxLength: 8 }), eventArb, async (subscribers, e) => {
      run += 1;
      const incidentId = e.kind.startsWith("maintenance") || e.incident < 0 ? null : incidentIds[e.incident]!;
      if (incidentId)
        await t.db.incident.update({
          where: { id: incidentId },
          data: { resolvedAt: e.incidentResolved ? new Date() : null },
        });
      const created = [];
      for (const s of subscribers) {
        const row = await makeSubscriber(t.db, {
          scope: { all: s.all, tier1Only: s.tier1Only, regionIds: s.regions, componentIds: s.components },
          confirmed: s.confirmed,
          unsubscribed: s.unsubscribed,
          suppressed: s.suppressed,
        });
        await follow(row.id, s.follows);
        created.push({ id: row.id, ...s });
      }
      try {
        const result = await t.db.$transaction((tx) =>
          enqueueEvent(tx, {
            kind: e.kind,
            incidentId: incidentId ?? undefined,
            payload: makePayload(),
            dedupeKey: `property:${run}:${Math.random()}`,
            componentRegionIds: e.affected.map((cr) => cr.id),
          }),
        );
        // Small chunks, so that most events are written in several.
        const notifications = await fanOutEvent(t.db, result!.eventId, { chunkSize: 4 });
        const notified = await t.db.notification.findMany({
          where: { eventId: result!.eventId },
          select: { subscriberId: true },
        });
        const event: ScopedEvent = {
          kind: e.kind,
          incidentId,
          incidentResolved: incidentId !== null && e.incidentResolved,
          affected: e.affected,
        };
        const expected = created.filter(
          (s) =>
            s.confirmed &&
            !s.unsubscribed &&
            !s.suppressed &&
            subscriberHears(
              {
                scope: { all: s.all, tier1Only: s.tier1Only, regionIds: s.regions, componentIds: s.components },
                followedIncidentIds: s.follows,
              },
              event,
            ),
        );
        expect(notified.map((n) => n.subscriberId).sort()).toEqual(expected.map((s) => s.id).sort());
        expect(notifications).toBe(expected.length);
      } finally {
        await t.db.notificationEvent.deleteMany({});
        await t.db.subscriber.deleteMany({ where: { id: { in: created.map((s) => s.id) } } });
      }
    }),
    { numRuns: 300 },
  );
}, 300_000);

// The story a follower lives through: over any run of events about the
// followed incident, other incidents and maintenance, they get exactly the
// followed incident's events up to and including its resolution.
it("tells a follower of one incident its updates and nothing else, and nothing after it resolves", async () => {
  const stepArb = fc.record({
    about: fc.constantFrom("followed", "other", "maintenance"),
    kind: fc.constantFrom<EventKind>("incident_updated", "incident_resolved", "postmortem_published"),
    affected: subset(() => componentRegions),
  });
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
      run += 1;
      const [followed, other] = incidentIds as [string, string];
      await t.db.incident.updateMany({ where: { id: { in: incidentIds } }, data: { resolvedAt: null } });
      const follower = await makeSubscriber(t.db, { scope: { all: false } });
      await follow(follower.id, [followed]);
      const expected: string[] = [];
      let resolved = false;
      try {
        for (const [i, step] of steps.entries()) {
          const incidentId = step.about === "followed" ? followed : step.about === "other" ? other : undefined;
          // An incident resolves once (lib/domain/incident-lifecycle.ts): later steps about it are updates or postmortems.
          const again = step.about === "followed" && resolved && step.kind === "incident_resolved";
          const kind = step.about === "maintenance" ? "maintenance_started" : again ? "incident_updated" : step.kind;
          if (incidentId && kind === "incident_resolved")
            await t.db.incident.update({ where: { id: incidentId }, data: { resolvedAt: new Date() } });
          const dedupeKey = `story:${run}:${i}`;
          const written = await t.db.$transaction((tx) =>
            enqueueEvent(tx, {
              kind,
              incidentId,
              payload: makePayload(),
              dedupeKey,
              componentRegionIds: step.affected.map((cr) => cr.id),
            }),
          );
          await fanOutEvent(t.db, written!.eventId);
          if (step.about === "followed" && !resolved) expected.push(dedupeKey);
          if (step.about === "followed" && kind === "incident_resolved") resolved = true;
        }
        const received = await t.db.notification.findMany({
          where: { subscriberId: follower.id },
          select: { event: { select: { dedupeKey: true } } },
        });
        expect(received.map((n) => n.event.dedupeKey).sort()).toEqual(expected.sort());
      } finally {
        await t.db.notificationEvent.deleteMany({});
        await t.db.subscriber.delete({ where: { id: follower.id } });
      }
    }),
    { numRuns: 60 },
  );
}, 300_000);

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
  expect(await fanOutEvent(t.db, first!.eventId)).toBe(1);
  expect(await write()).toBeNull();
  expect(await t.db.notification.count()).toBe(1);
});
