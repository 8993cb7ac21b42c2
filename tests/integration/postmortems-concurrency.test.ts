// Two engineers save the same postmortem at once. Exactly one wins; the other
// gets a CONFLICT carrying the current text, and their text is written nowhere.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { createPostmortem } from "../../lib/postmortems/create-postmortem.ts";
import { savePostmortem } from "../../lib/postmortems/save-postmortem.ts";
import type { PostmortemView } from "../../lib/postmortems/types.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor, makePlatform, type TestPlatform } from "../support/incident-factories.ts";
import { makeRecordedIncident } from "../support/postmortem-factories.ts";
import { sql } from "../support/sql.ts";

let t: TestDatabase;
let alice: Actor;
let bob: Actor;
let p: TestPlatform;
beforeAll(async () => {
  t = await createTestDatabase();
  alice = await makeActor(t.db, "ENGINEER");
  bob = await makeActor(t.db, "ADMIN");
  p = await makePlatform(
    t.db,
    [
      { key: "checkout", tier: "TIER_1" },
      { key: "search", tier: "TIER_1" },
    ],
    3,
  );
});
afterAll(() => t.drop());

async function start(componentKey: string): Promise<PostmortemView> {
  const rec = await makeRecordedIncident(t.db, p, bob, new Date("2026-03-02T10:00:00Z"), componentKey);
  return createPostmortem(t.db, alice, { incidentId: rec.incidentId }, { now: new Date("2026-03-02T12:00:00Z") });
}

async function expectOneWinner(
  pm: PostmortemView,
  results: PromiseSettledResult<PostmortemView>[],
  texts: [string, string],
) {
  const won = results.filter((r): r is PromiseFulfilledResult<PostmortemView> => r.status === "fulfilled");
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const winner = won[0]!.value.sections.rootCause;
  const loser = texts.find((x) => x !== winner)!;
  expect(texts).toContain(winner);

  // The loser is told, and shown the text that won.
  const conflict = lost[0]!.reason as { code: string; details: PostmortemView };
  expect(conflict.code).toBe("CONFLICT");
  expect(conflict.details).toMatchObject({ id: pm.id, version: pm.version + 1, sections: { rootCause: winner } });

  const stored = await t.db.postmortem.findUniqueOrThrow({ where: { id: pm.id } });
  expect(stored.rootCause).toBe(winner);
  expect(stored.version).toBe(pm.version + 1);
  const audit = await t.db.auditEntry.findMany({ where: { entityId: pm.id, action: "postmortem.save" } });
  expect(audit).toHaveLength(1);
  expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(loser);
}

it("lets exactly one of two saves from the same version win, even when both read before either wrote", async () => {
  const pm = await start("checkout");
  // Hold the row so both savers read version N, then queue on the same row lock.
  const holder = new pg.Client({ connectionString: t.url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(`SELECT 1 FROM "Postmortem" WHERE id = $1 FOR UPDATE`, [pm.id]);

  const texts: [string, string] = [
    "Alice: the payment adapter's pool was exhausted.",
    "Bob: a TLS config push broke the provider link.",
  ];
  const both = Promise.allSettled([
    savePostmortem(t.db, alice, { postmortemId: pm.id, expectedVersion: pm.version, rootCause: texts[0] }),
    savePostmortem(t.db, bob, { postmortemId: pm.id, expectedVersion: pm.version, rootCause: texts[1] }),
  ]);
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

  await expectOneWinner(pm, await both, texts);
});

it("refuses a stale save with the current text and writes nothing", async () => {
  const pm = await start("search");
  const saved = await savePostmortem(t.db, alice, {
    postmortemId: pm.id,
    expectedVersion: pm.version,
    rootCause: "Disk full.",
  });
  const stale = await appErrorOf(
    savePostmortem(t.db, bob, { postmortemId: pm.id, expectedVersion: pm.version, rootCause: "DNS." }),
  );
  expect(stale).toMatchObject({
    code: "CONFLICT",
    details: { version: saved.version, sections: { rootCause: "Disk full." } },
  });
  expect((await t.db.postmortem.findUniqueOrThrow({ where: { id: pm.id } })).rootCause).toBe("Disk full.");
});
