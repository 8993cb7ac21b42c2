// Finding 9: pending subscribers, expired sessions and expired verification
// tokens were never deleted. A scheduled purge (in the worker's hourly jobs)
// deletes what has expired and nothing that still works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEDULED_JOBS } from "../../lib/monitoring/worker.ts";
import { takeRateToken } from "../../lib/rate-limits/take-token.ts";
import { purgeExpired } from "../../lib/retention/purge-expired.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { sql } from "../support/sql.ts";

let t: TestDatabase;
const now = new Date("2026-06-10T12:00:00Z");
const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("the scheduled purge", () => {
  it("deletes expired pending subscriptions, sessions, sign-in links and idle rate buckets, and keeps everything that still works", async () => {
    const user = await t.db.user.create({ data: { email: "purge@bellwether.test", role: "VIEWER" } });
    await t.db.subscriber.createMany({
      data: [
        { email: "never-confirmed@example.test", confirmTokenHash: "h1", confirmExpiresAt: ago(48) },
        { email: "pending-now@example.test", confirmTokenHash: "h2", confirmExpiresAt: ago(-10) },
        { email: "just-expired@example.test", confirmTokenHash: "h3", confirmExpiresAt: ago(2) },
        { email: "active@example.test", confirmedAt: ago(1000) },
        {
          email: "lapsed-asked-again@example.test",
          confirmedAt: ago(1000),
          unsubscribedAt: ago(500),
          confirmTokenHash: "h4",
          confirmExpiresAt: ago(48),
        },
      ],
    });
    await t.db.session.createMany({
      data: [
        { sessionToken: "expired", userId: user.id, expires: ago(1) },
        { sessionToken: "live", userId: user.id, expires: ago(-24) },
      ],
    });
    await t.db.verificationToken.createMany({
      data: [
        { identifier: user.email, token: "expired-link", expires: ago(0.5) },
        { identifier: user.email, token: "live-link", expires: ago(-0.2) },
      ],
    });
    await takeRateToken(t.db, "test:purge", "old", { limit: 3, windowMs: 3_600_000 }, ago(30));
    await takeRateToken(t.db, "test:purge", "recent", { limit: 3, windowMs: 3_600_000 }, ago(0.1));

    expect(await purgeExpired(t.db, now)).toEqual({
      pendingSubscribers: 1,
      expiredConfirmLinks: 1,
      sessions: 1,
      verificationTokens: 1,
      rateBuckets: 1,
    });

    const subscribers = await t.db.subscriber.findMany({
      orderBy: { email: "asc" },
      select: { email: true, confirmTokenHash: true },
    });
    expect(subscribers).toEqual([
      { email: "active@example.test", confirmTokenHash: null },
      { email: "just-expired@example.test", confirmTokenHash: "h3" },
      { email: "lapsed-asked-again@example.test", confirmTokenHash: null },
      { email: "pending-now@example.test", confirmTokenHash: "h2" },
    ]);
    expect((await t.db.session.findMany()).map((s) => s.sessionToken)).toEqual(["live"]);
    expect((await t.db.verificationToken.findMany()).map((v) => v.token)).toEqual(["live-link"]);
    expect(await sql(t.url, `SELECT count(*)::int AS n FROM "bellwether_runtime"."RateLimitBucket"`)).toEqual([
      { n: 1 },
    ]);
    // A second run (another replica, the next hour) finds nothing.
    expect(Object.values(await purgeExpired(t.db, now)).every((n) => n === 0)).toBe(true);
  });

  it("runs hourly in the worker", () => {
    const job = SCHEDULED_JOBS.find((j) => j.run === purgeExpired);
    expect(job?.schedule).toMatch(/^\d+ \* \* \* \*$/);
  });
});
