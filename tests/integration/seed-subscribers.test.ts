// The demo's readers: the subscribers console has a row in every state and
// scope, with deliveries, from the first start; a second start writes nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { SUBSCRIBER_STATES } from "../../lib/domain/subscriber-state.ts";
import { seedPlatform } from "../../lib/seed/seed-platform.ts";
import { DEMO_READERS, seedDemoSubscribers } from "../../lib/seed/seed-subscribers.ts";
import { countSubscribers, listConsoleSubscribers } from "../../lib/subscribers/console-subscribers.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeIncident } from "../support/factories.ts";
import { makeActor } from "../support/incident-factories.ts";
import { makePayload } from "../support/subscriber-factories.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedPlatform(t.db);
  await makeIncident(t.db, []);
  for (let i = 0; i < 3; i++)
    await t.db.notificationEvent.create({
      data: {
        kind: "incident_updated",
        payload: { ...makePayload() },
        dedupeKey: `seed-test:${i}`,
        fannedOutAt: new Date(),
      },
    });
}, 120_000);
afterAll(() => t.drop());

it("seeds a reader in every state and scope, with sent, failed and bounced deliveries, once", async () => {
  expect(await seedDemoSubscribers(t.db)).toBe(DEMO_READERS.length);
  const counts = await countSubscribers(t.db);
  for (const state of SUBSCRIBER_STATES) expect(counts.byState[state], state).toBeGreaterThan(0);
  for (const scope of ["everything", "chosen", "incident"] as const)
    expect(counts.byScope[scope], scope).toBeGreaterThan(0);
  const { rows } = await listConsoleSubscribers(t.db, await makeActor(t.db, "ADMIN"));
  const total = (key: "sent" | "failed" | "suppressed") => rows.reduce((sum, r) => sum + r.deliveries[key], 0);
  expect(total("sent")).toBeGreaterThan(0);
  expect(total("failed")).toBeGreaterThan(0);
  expect(total("suppressed")).toBeGreaterThan(0);
  // Nothing the sender would pick up: the demo's history is history.
  expect(await t.db.notification.count({ where: { state: "pending" } })).toBe(0);

  expect(await seedDemoSubscribers(t.db)).toBe(0);
  expect((await countSubscribers(t.db)).total).toBe(counts.total);
}, 120_000);
