// The subscribers console against PostgreSQL: counts agree with the pure
// state rule, viewers see masked addresses (page and CSV) and cannot change
// anything, admins remove and unsuppress with an audit entry each, and the CSV
// is RFC 4180 with formula cells neutralised. Each test writes its own rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberState } from "../../lib/domain/subscriber-state.ts";
import {
  countSubscribers,
  getConsoleSubscriber,
  listConsoleSubscribers,
} from "../../lib/subscribers/console-subscribers.ts";
import { removeSubscriber } from "../../lib/subscribers/remove-subscriber.ts";
import { subscribersCsv } from "../../lib/subscribers/subscribers-csv.ts";
import { unsuppressSubscriber } from "../../lib/subscribers/unsuppress-subscriber.ts";
import { parseCsv } from "../support/csv.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeIncident } from "../support/factories.ts";
import { appErrorOf, makeActor } from "../support/incident-factories.ts";
import { makeSubscriber } from "../support/subscriber-factories.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("counts", () => {
  it("counts each subscriber once, in the state the pure rule gives it, and by scope", async () => {
    const combos = [
      { confirmed: false },
      { confirmed: true },
      { confirmed: true, unsubscribed: true },
      { confirmed: true, suppressed: true },
      { confirmed: true, unsubscribed: true, suppressed: true },
      { confirmed: false, suppressed: true },
    ];
    const rows = [];
    for (const c of combos) rows.push(await makeSubscriber(t.db, c));
    const follower = await makeSubscriber(t.db, { scope: { all: false } });
    await t.db.subscriberIncident.create({
      data: { subscriberId: follower.id, incidentId: (await makeIncident(t.db, [])).id },
    });
    const all = await t.db.subscriber.findMany();
    const expected = { pending: 0, confirmed: 0, unsubscribed: 0, suppressed: 0 };
    for (const row of all) expected[subscriberState(row)] += 1;
    const counts = await countSubscribers(t.db);
    expect(counts.byState).toEqual(expected);
    expect(counts.total).toBe(all.length);
    expect(Object.values(counts.byScope).reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(counts.byScope.incident).toBeGreaterThanOrEqual(1);
    expect(counts.byChannel.email).toBe(all.length);
  });
});

describe("roles", () => {
  it("shows a viewer masked addresses, lets them not search, and the others see them whole", async () => {
    const s = await makeSubscriber(t.db, { email: `private-person-${Date.now()}@example.org` });
    const viewer = await makeActor(t.db, "VIEWER");
    const engineer = await makeActor(t.db, "ENGINEER");

    const seen = (await listConsoleSubscribers(t.db, viewer, {}, 1000)).rows.find((r) => r.id === s.id)!;
    expect(seen.masked).toBe(true);
    expect(seen.address).toBe("p•••@e•••.org");
    expect((await getConsoleSubscriber(t.db, viewer, s.id)).address).toBe("p•••@e•••.org");
    // A viewer's search is ignored, so it cannot tell whether an address is subscribed.
    expect((await listConsoleSubscribers(t.db, viewer, { q: "private-person" })).searched).toBe(false);

    const whole = await listConsoleSubscribers(t.db, engineer, { q: "PRIVATE-person" });
    expect(whole.searched).toBe(true);
    expect(whole.rows.map((r) => r.address)).toContain(s.email);

    const csv = parseCsv(await subscribersCsv(t.db, viewer));
    const header = csv[0]!;
    const row = csv.find((r) => r[0] === s.id)!;
    expect(row[header.indexOf("address")]).toBe("p•••@e•••.org");
    expect(csv.flat().join(" ")).not.toContain("private-person");
  });

  it("refuses remove and unsuppress to everyone but admins (403), and changes nothing", async () => {
    const s = await makeSubscriber(t.db, { suppressed: true });
    for (const role of ["VIEWER", "ENGINEER", "ACCOUNT_MANAGER"] as const) {
      const actor = await makeActor(t.db, role);
      expect((await appErrorOf(removeSubscriber(t.db, actor, { subscriberId: s.id }))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(unsuppressSubscriber(t.db, actor, { subscriberId: s.id }))).code).toBe("FORBIDDEN");
    }
    const row = await t.db.subscriber.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.suppressedAt).not.toBeNull();
  });
});

describe("admin changes", () => {
  it("removes a subscriber and their outbox rows, auditing only the masked address", async () => {
    const admin = await makeActor(t.db, "ADMIN");
    const s = await makeSubscriber(t.db, { email: `leaving-${Date.now()}@example.net` });
    const { address } = await removeSubscriber(t.db, admin, { subscriberId: s.id });
    expect(address).toBe(s.email);
    expect(await t.db.subscriber.findUnique({ where: { id: s.id } })).toBeNull();
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entityId: s.id, action: "subscriber.remove" } });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.stringify(audit.before)).toContain("l•••@e•••.net");
    expect(JSON.stringify(audit.before)).not.toContain("leaving-");
    expect((await appErrorOf(removeSubscriber(t.db, admin, { subscriberId: s.id }))).code).toBe("NOT_FOUND");
  });

  it("lifts a suppression once, audited; a second try is refused", async () => {
    const admin = await makeActor(t.db, "ADMIN");
    const s = await makeSubscriber(t.db, { suppressed: true });
    expect(await unsuppressSubscriber(t.db, admin, { subscriberId: s.id })).toEqual({ state: "confirmed" });
    const audit = await t.db.auditEntry.findFirstOrThrow({
      where: { entityId: s.id, action: "subscriber.unsuppress" },
    });
    expect(audit.actorEmail).toBe(admin.email);
    expect((await appErrorOf(unsuppressSubscriber(t.db, admin, { subscriberId: s.id }))).code).toBe(
      "INVALID_TRANSITION",
    );
  });
});

describe("CSV export", () => {
  it("is RFC 4180 with one row per subscriber, and neutralises cells a spreadsheet would run", async () => {
    const admin = await makeActor(t.db, "ADMIN");
    const s = await makeSubscriber(t.db, { email: `=cmd-${Date.now()}@example.com`, suppressed: true });
    await t.db.subscriber.update({
      where: { id: s.id },
      data: { suppressReason: '=HYPERLINK("http://evil.example","click"), then "quotes"\nand a line' },
    });
    const text = await subscribersCsv(t.db, admin);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    const header = rows[0]!;
    expect(header.slice(0, 5)).toEqual(["id", "channel", "address", "state", "scope"]);
    expect(rows.length - 1).toBe(await t.db.subscriber.count());
    for (const row of rows) expect(row).toHaveLength(header.length);
    const row = rows.find((r) => r[0] === s.id)!;
    expect(row[header.indexOf("address")]).toBe(`'${s.email}`);
    expect(row[header.indexOf("suppress_reason")]).toBe(
      `'=HYPERLINK("http://evil.example","click"), then "quotes"\nand a line`,
    );
    expect(row[header.indexOf("state")]).toBe("suppressed");
  });
});
