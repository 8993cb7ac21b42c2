// An event's outbox rows are written after it commits, in chunks by subscriber
// id. kill -9 of the fan-out between chunks, then another runner resumes:
// every subscriber in scope gets exactly one row, nobody out of scope gets one.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enqueueEvent } from "../../lib/notifications/enqueue.ts";
import { fanOutEvent, fanOutPendingEvents } from "../../lib/notifications/fan-out.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { makePayload } from "../support/subscriber-factories.ts";

const IN_SCOPE = 1_000;
const CHUNK = 100;

let t: TestDatabase;
let componentRegionId: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db);
  const other = await makeRegion(t.db);
  const product = await makeProduct(t.db);
  componentRegionId = (await makeComponentRegion(t.db, (await makeComponent(t.db, product.id)).id, region.id)).id;
  // Every third subscriber watches another region only: interleaved by id with those in scope.
  await t.db.$executeRawUnsafe(
    `INSERT INTO "Subscriber" ("id", "email", "scopeAll", "confirmedAt", "updatedAt")
     SELECT 'fan-' || lpad(i::text, 5, '0'), 'fan-' || i || '@example.test', i % 3 <> 0, now(), now()
       FROM generate_series(1, ${(IN_SCOPE * 3) / 2}) AS i`,
  );
  await t.db.$executeRawUnsafe(
    `INSERT INTO "SubscriberRegion" SELECT 'fan-' || lpad(i::text, 5, '0'), $1 FROM generate_series(3, ${(IN_SCOPE * 3) / 2}, 3) AS i`,
    other.id,
  );
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await t.drop();
});

async function publish(dedupeKey: string): Promise<string> {
  const event = await t.db.$transaction((tx) =>
    enqueueEvent(tx, {
      kind: "incident_published",
      payload: makePayload(),
      dedupeKey,
      componentRegionIds: [componentRegionId],
    }),
  );
  return event!.eventId;
}

/** Starts the fan-out of one event in a child process and kill -9s it once chunk `stopAfter` has committed. */
async function fanOutAndKill(eventId: string, stopAfter: number): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/fan-out-process.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      EVENT_ID: eventId,
      CHUNK_SIZE: String(CHUNK),
      STOP_AFTER: String(stopAfter),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes(`committed chunk ${stopAfter}`) && resolve());
    child.once("exit", (code) => reject(new Error(`the fan-out exited with ${code} before chunk ${stopAfter}`)));
  });
  child.kill("SIGKILL");
  await exited;
  children.delete(child);
}

async function rowsOf(eventId: string): Promise<{ subscriberId: string; n: number }[]> {
  return t.db.$queryRaw`
    SELECT "subscriberId", count(*)::int AS n FROM "Notification" WHERE "eventId" = ${eventId} GROUP BY 1 ORDER BY 1`;
}

const inScope = (rows: { subscriberId: string }[]) => rows.every((r) => Number(r.subscriberId.slice(4)) % 3 !== 0);

it("writes nothing in the approval's transaction, and every subscriber in scope exactly once across a kill -9 between chunks", async () => {
  const eventId = await publish("crash:1");
  expect(await rowsOf(eventId)).toEqual([]);

  await fanOutAndKill(eventId, 3);
  const interrupted = await rowsOf(eventId);
  // The cursor moved with each committed chunk, and nothing after it was written.
  expect(interrupted).toHaveLength(3 * CHUNK);
  const event = await t.db.notificationEvent.findUniqueOrThrow({ where: { id: eventId } });
  expect(event.fannedOutAt).toBeNull();
  expect(event.fanOutCursor).toBe(interrupted.at(-1)!.subscriberId);

  // What a worker does at start: resume every unfinished event.
  await fanOutPendingEvents(t.db, { chunkSize: CHUNK });
  const rows = await rowsOf(eventId);
  expect(rows).toHaveLength(IN_SCOPE);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  expect(inScope(rows)).toBe(true);
  expect((await t.db.notificationEvent.findUniqueOrThrow({ where: { id: eventId } })).fannedOutAt).not.toBeNull();
  expect(await fanOutPendingEvents(t.db)).toBe(0);
});

it("doubles nobody when the cursor is lost, and two runners at once share the work", async () => {
  const eventId = await publish("crash:2");
  await fanOutAndKill(eventId, 2);
  // A cursor set back (say, restored from an old backup): the unique (event, subscriber) pair is the second guard.
  await t.db.notificationEvent.update({ where: { id: eventId }, data: { fanOutCursor: null } });
  const written = await Promise.all([
    fanOutEvent(t.db, eventId, { chunkSize: CHUNK }),
    fanOutEvent(t.db, eventId, { chunkSize: CHUNK }),
  ]);
  expect(written[0] + written[1]).toBe(IN_SCOPE - 2 * CHUNK);
  const rows = await rowsOf(eventId);
  expect(rows).toHaveLength(IN_SCOPE);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  expect(inScope(rows)).toBe(true);
});
