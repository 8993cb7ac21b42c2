// Two engineers update the same incident at once. Exactly one wins; the other
// gets a CONFLICT carrying the state the winner left, and their text is not
// written anywhere — so nothing is silently overwritten.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { declareIncident } from "../../lib/incidents/declare-incident.ts";
import type { IncidentDetail } from "../../lib/incidents/get-incident.ts";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeActor, makePlatform, type TestPlatform } from "../support/incident-factories.ts";
import { sql } from "../support/sql.ts";

let t: TestDatabase;
let alice: Actor;
let bob: Actor;
let p: TestPlatform;
beforeAll(async () => {
  t = await createTestDatabase();
  alice = await makeActor(t.db, "ENGINEER");
  bob = await makeActor(t.db, "ADMIN");
  p = await makePlatform(t.db, [{ key: "checkout", tier: "TIER_1" }], 1);
});
afterAll(() => t.drop());

async function declare(): Promise<IncidentDetail> {
  return declareIncident(t.db, alice, {
    title: "Checkout down",
    impact: "major",
    message: "Investigating.",
    componentRegions: [{ componentRegionId: p.cr("checkout", 0), status: "major_outage" }],
  });
}

async function expectOneWinner(
  incident: IncidentDetail,
  results: PromiseSettledResult<IncidentDetail>[],
  messages: [string, string],
) {
  const won = results.filter((r): r is PromiseFulfilledResult<IncidentDetail> => r.status === "fulfilled");
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const winnerMessage = won[0]!.value.updates.at(-1)!.message;
  const loserMessage = messages.find((m) => m !== winnerMessage)!;

  // The loser is told, and shown what the winner wrote.
  const conflict = lost[0]!.reason as { code: string; details: IncidentDetail };
  expect(conflict.code).toBe("CONFLICT");
  expect(conflict.details).toMatchObject({ id: incident.id, version: incident.version + 1 });
  expect(conflict.details.updates.at(-1)!.message).toBe(winnerMessage);

  // Exactly the winner's change is stored; the loser's text nowhere, not even in the outbox or audit trail.
  const updates = await t.db.incidentUpdate.findMany({
    where: { incidentId: incident.id },
    orderBy: { createdAt: "asc" },
  });
  expect(updates.map((u) => u.message)).toEqual([...incident.updates.map((u) => u.message), winnerMessage]);
  const stored = await t.db.incident.findUniqueOrThrow({ where: { id: incident.id } });
  expect(stored.version).toBe(incident.version + 1);
  const audit = await t.db.auditEntry.findMany({ where: { entityId: incident.id } });
  expect(audit).toHaveLength(2);
  expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(loserMessage);
  const events = await t.db.notificationEvent.findMany({ where: { incidentId: incident.id } });
  expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(loserMessage);
}

it("lets exactly one of two simultaneous updates with the same version win, even when both read before either wrote", async () => {
  const incident = await declare();
  // Hold the incident's row so that both writers read version 0 and then queue
  // on the same row; when it is released one commits and the other must see it.
  const holder = new pg.Client({ connectionString: t.url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(`SELECT 1 FROM "Incident" WHERE id = $1 FOR UPDATE`, [incident.id]);

  const messages: [string, string] = [
    "Alice: the payment provider is timing out.",
    "Bob: a config push broke TLS to the provider.",
  ];
  const both = Promise.allSettled([
    postIncidentUpdate(t.db, alice, {
      incidentId: incident.id,
      expectedVersion: 0,
      status: "identified",
      message: messages[0],
    }),
    postIncidentUpdate(t.db, bob, {
      incidentId: incident.id,
      expectedVersion: 0,
      status: "identified",
      message: messages[1],
    }),
  ]);
  // Both writers queue on the row lock (watched from outside any transaction: pg_stat_activity is snapshotted inside one).
  while (
    (
      await sql<{ n: string }>(
        t.url,
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
    )[0]!.n !== "2"
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await holder.query("COMMIT");
  await holder.end();

  await expectOneWinner(incident, await both, messages);
});

it("gives the same answer, round after round, when the two calls simply race", async () => {
  for (let round = 0; round < 5; round++) {
    const incident = await declare();
    const messages: [string, string] = [`first ${round}`, `second ${round}`];
    const results = await Promise.allSettled([
      postIncidentUpdate(t.db, alice, {
        incidentId: incident.id,
        expectedVersion: 0,
        status: "monitoring",
        message: messages[0],
      }),
      postIncidentUpdate(t.db, bob, {
        incidentId: incident.id,
        expectedVersion: 0,
        status: "identified",
        message: messages[1],
      }),
    ]);
    await expectOneWinner(incident, results, messages);
  }
});

it("tells a writer with a stale version about the conflict without writing anything", async () => {
  const incident = await declare();
  const next = await postIncidentUpdate(t.db, alice, {
    incidentId: incident.id,
    expectedVersion: 0,
    status: "identified",
    message: "Found it.",
  });
  const stale = await postIncidentUpdate(t.db, bob, {
    incidentId: incident.id,
    expectedVersion: 0,
    status: "resolved",
    message: "All good?",
  }).catch((e: unknown) => e);
  expect(stale).toMatchObject({ code: "CONFLICT", details: { version: next.version, status: "identified" } });
  expect(await t.db.incidentUpdate.count({ where: { incidentId: incident.id } })).toBe(2);
});
