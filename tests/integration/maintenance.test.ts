// Maintenance windows: scheduled with notice, starting and ending on time by
// themselves, moved by hand when an engineer says so, shown as
// under_maintenance while they run, and shielding their ComponentRegions
// from detection.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { advanceMaintenances } from "../../lib/maintenance/advance-maintenances.ts";
import { getMaintenance } from "../../lib/maintenance/get-maintenance.ts";
import { listMaintenances } from "../../lib/maintenance/list-maintenances.ts";
import { scheduleMaintenance } from "../../lib/maintenance/schedule-maintenance.ts";
import { transitionMaintenance } from "../../lib/maintenance/transition-maintenance.ts";
import { runMonitoringCycle } from "../../lib/monitoring/worker.ts";
import { getStatusOverview } from "../../lib/public/overview.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  appErrorOf,
  makeActor,
  makePlatform,
  makeSubscriber,
  type TestPlatform,
} from "../support/incident-factories.ts";
import { makeProbeRounds, type Outcome } from "../support/probe-rounds.ts";
import { fanOutPendingEvents } from "../../lib/notifications/fan-out.ts";

const HOUR = 3_600_000;
const NOW = new Date("2026-11-22T09:00:00Z");
const START = new Date(NOW.getTime() + 48 * HOUR);
const END = new Date(START.getTime() + 2 * HOUR);
const at = (d: Date, deltaMs: number) => new Date(d.getTime() + deltaMs);

let t: TestDatabase;
let engineer: Actor;
let p: TestPlatform;
beforeAll(async () => {
  t = await createTestDatabase();
  engineer = await makeActor(t.db);
  p = await makePlatform(t.db, [
    { key: "products", tier: "TIER_1" },
    { key: "import", tier: "TIER_2" },
  ]);
});
afterAll(() => t.drop());
// Windows from one test must not move in another test's advanceMaintenances.
afterEach(async () => {
  await t.db.maintenance.updateMany({ data: { autoTransition: false } });
});

async function cellStatus(componentRegionId: string) {
  const overview = await getStatusOverview(t.db, new Date());
  return overview.products
    .flatMap((prod) => prod.components.flatMap((c) => c.cells))
    .find((c) => c?.componentRegionId === componentRegionId)?.status;
}

function schedule(overrides: Partial<Parameters<typeof scheduleMaintenance>[2]> = {}, now = NOW) {
  return scheduleMaintenance(
    t.db,
    engineer,
    {
      title: "Database upgrade",
      description: "PostgreSQL 18 on the products database.",
      scheduledStart: START,
      scheduledEnd: END,
      componentRegionIds: [p.cr("products", 0)],
      ...overrides,
    },
    { now, noticeHours: 24 },
  );
}

describe("scheduling maintenance", () => {
  it("records the window, its first update, the audit entry and tells subscribers in scope", async () => {
    const inScope = await makeSubscriber(t.db, { regionIds: [p.regions[0]!.id] });
    const elsewhere = await makeSubscriber(t.db, { regionIds: [p.regions[2]!.id] });
    const window = await schedule();
    expect(window).toMatchObject({
      status: "scheduled",
      scheduledStart: START,
      scheduledEnd: END,
      autoTransition: true,
      version: 0,
      tier: "TIER_1",
    });
    expect(window.updates).toEqual([
      expect.objectContaining({
        status: "scheduled",
        message: "PostgreSQL 18 on the products database.",
        author: expect.objectContaining({ email: engineer.email }),
      }),
    ]);
    expect(await cellStatus(p.cr("products", 0))).toBe("operational");

    const event = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `maintenance_scheduled:${window.id}` },
    });
    expect(event.payload).toMatchObject({
      title: "Database upgrade",
      path: `/maintenance/${window.id}`,
      status: "scheduled",
      scheduledStart: START.toISOString(),
      scheduledEnd: END.toISOString(),
      affected: [{ component: p.components.products!.name, region: p.regions[0]!.name, status: "under_maintenance" }],
    });
    await fanOutPendingEvents(t.db);
    const notified = (await t.db.notification.findMany({ where: { eventId: event.id } })).map((n) => n.subscriberId);
    expect(notified).toContain(inScope.id);
    expect(notified).not.toContain(elsewhere.id);
    expect(await t.db.auditEntry.findFirstOrThrow({ where: { entityId: window.id } })).toMatchObject({
      action: "maintenance.schedule",
      actorEmail: engineer.email,
    });
    expect((await listMaintenances(t.db, { state: "upcoming" })).map((m) => m.id)).toContain(window.id);
  });

  it("refuses a window inside the notice period unless it is marked urgent", async () => {
    const soon = { scheduledStart: at(NOW, 2 * HOUR), scheduledEnd: at(NOW, 3 * HOUR) };
    const refused = await appErrorOf(schedule(soon));
    expect(refused).toMatchObject({
      code: "VALIDATION",
      message: "Maintenance needs 24 hours' notice.",
      fields: { scheduledStart: [expect.stringContaining("mark the maintenance urgent")] },
    });
    expect((await schedule({ ...soon, urgent: true })).status).toBe("scheduled");
  });

  it("names what is wrong, and refuses people without the permission", async () => {
    expect(await appErrorOf(schedule({ scheduledEnd: START }))).toMatchObject({
      code: "VALIDATION",
      fields: { scheduledEnd: ["The window must end after it starts."] },
    });
    expect(await appErrorOf(schedule({ componentRegionIds: ["nope"] }))).toMatchObject({
      code: "VALIDATION",
      fields: { componentRegionIds: [expect.stringContaining("nope")] },
    });
    const manager = await makeActor(t.db, "ACCOUNT_MANAGER");
    const error = await appErrorOf(
      scheduleMaintenance(
        t.db,
        manager,
        { title: "x", scheduledStart: START, scheduledEnd: END, componentRegionIds: [p.cr("products", 0)] },
        { now: NOW },
      ),
    );
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("the window's own clock", () => {
  it("starts exactly at the scheduled start and completes exactly at the scheduled end, showing under maintenance in between", async () => {
    const subscriber = await makeSubscriber(t.db, { componentIds: [p.components.import!.id] });
    const window = await schedule({ componentRegionIds: [p.cr("import", 1), p.cr("import", 2)] });

    expect(await advanceMaintenances(t.db, at(START, -1))).toMatchObject({ started: [] });
    expect((await getMaintenance(t.db, window.id))!.status).toBe("scheduled");

    expect((await advanceMaintenances(t.db, START)).started).toEqual([window.id]);
    const started = (await getMaintenance(t.db, window.id))!;
    expect(started).toMatchObject({ status: "in_progress", startedAt: START, version: 1 });
    expect(started.updates.at(-1)).toMatchObject({
      status: "in_progress",
      author: null,
      message: "The maintenance has started as scheduled.",
    });
    expect(await cellStatus(p.cr("import", 1))).toBe("under_maintenance");
    expect(await cellStatus(p.cr("import", 0))).toBe("operational");
    const startEvent = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `maintenance_started:${window.id}` },
    });
    await fanOutPendingEvents(t.db);
    expect(await t.db.notification.count({ where: { eventId: startEvent.id, subscriberId: subscriber.id } })).toBe(1);

    expect((await advanceMaintenances(t.db, at(END, -1))).completed).toEqual([]);
    expect((await advanceMaintenances(t.db, END)).completed).toEqual([window.id]);
    expect(await getMaintenance(t.db, window.id)).toMatchObject({
      status: "completed",
      startedAt: START,
      completedAt: END,
    });
    expect(await cellStatus(p.cr("import", 1))).toBe("operational");
    expect(await t.db.notificationEvent.count({ where: { dedupeKey: `maintenance_completed:${window.id}` } })).toBe(1);

    // Nothing moves twice.
    expect(await advanceMaintenances(t.db, at(END, HOUR))).toEqual({ started: [], completed: [], reminded: [] });
  });

  it("reminds subscribers once, an hour before the start", async () => {
    const window = await schedule();
    expect((await advanceMaintenances(t.db, at(START, -HOUR - 1))).reminded).toEqual([]);
    expect((await advanceMaintenances(t.db, at(START, -HOUR))).reminded).toEqual([window.id]);
    expect((await advanceMaintenances(t.db, at(START, -HOUR + 60_000))).reminded).toEqual([]);
    const reminder = await t.db.notificationEvent.findUniqueOrThrow({
      where: { dedupeKey: `maintenance_reminder:${window.id}` },
    });
    expect(reminder.payload).toMatchObject({
      status: "scheduled",
      message: `Reminder: the maintenance starts at ${START.toISOString()}.`,
    });
  });

  it("stays quiet by itself when it was scheduled without telling subscribers", async () => {
    const window = await schedule({ notifySubscribers: false });
    await advanceMaintenances(t.db, at(START, -HOUR));
    await advanceMaintenances(t.db, START);
    await advanceMaintenances(t.db, END);
    expect((await getMaintenance(t.db, window.id))!.status).toBe("completed");
    expect(await t.db.notificationEvent.count({ where: { maintenanceId: window.id } })).toBe(0);
  });

  it("catches up on a window the worker missed entirely, in order", async () => {
    const window = await schedule();
    expect(await advanceMaintenances(t.db, at(END, 5 * 60_000))).toMatchObject({
      started: [window.id],
      completed: [window.id],
    });
    const detail = (await getMaintenance(t.db, window.id))!;
    expect(detail).toMatchObject({ status: "completed", startedAt: START, completedAt: END });
    expect(detail.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress", "completed"]);
  });
});

describe("an engineer's hand on the window", () => {
  it("starts early, holds the window open past its end, verifies and completes it", async () => {
    let window = await schedule();
    const early = at(START, -30 * 60_000);
    window = await transitionMaintenance(
      t.db,
      engineer,
      {
        maintenanceId: window.id,
        expectedVersion: 0,
        status: "in_progress",
        message: "Starting early: quiet traffic.",
      },
      { now: early },
    );
    expect(window).toMatchObject({ status: "in_progress", startedAt: early, version: 1 });
    expect(await t.db.notificationEvent.count({ where: { dedupeKey: `maintenance_started:${window.id}` } })).toBe(1);

    window = await transitionMaintenance(
      t.db,
      engineer,
      {
        maintenanceId: window.id,
        expectedVersion: 1,
        status: "in_progress",
        message: "Taking longer.",
        autoTransition: false,
      },
      { now: at(START, HOUR) },
    );
    expect(window.autoTransition).toBe(false);
    await advanceMaintenances(t.db, at(END, HOUR));
    expect((await getMaintenance(t.db, window.id))!.status).toBe("in_progress");

    window = await transitionMaintenance(
      t.db,
      engineer,
      { maintenanceId: window.id, expectedVersion: window.version, status: "verifying" },
      { now: at(END, 2 * HOUR) },
    );
    expect(window.updates.at(-1)).toMatchObject({
      status: "verifying",
      message: "The work is done; we are verifying the result.",
    });
    window = await transitionMaintenance(
      t.db,
      engineer,
      { maintenanceId: window.id, expectedVersion: window.version, status: "completed", message: "All done." },
      { now: at(END, 3 * HOUR) },
    );
    expect(window.completedAt).toEqual(at(END, 3 * HOUR));
    expect(window.updates.map((u) => u.status)).toEqual([
      "scheduled",
      "in_progress",
      "in_progress",
      "verifying",
      "completed",
    ]);

    const audit = await t.db.auditEntry.findMany({ where: { entityId: window.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "maintenance.schedule",
      "maintenance.transition",
      "maintenance.update",
      "maintenance.transition",
      "maintenance.transition",
    ]);
    expect(audit[1]!.before).toMatchObject({ status: "scheduled" });
    expect(audit[1]!.after).toMatchObject({ status: "in_progress", message: "Starting early: quiet traffic." });
  });

  it("refuses an invalid move with its reason, and a stale version with the current state", async () => {
    const window = await schedule();
    const started = await transitionMaintenance(t.db, engineer, {
      maintenanceId: window.id,
      expectedVersion: 0,
      status: "in_progress",
    });
    expect(
      await appErrorOf(
        transitionMaintenance(t.db, engineer, {
          maintenanceId: window.id,
          expectedVersion: started.version,
          status: "scheduled",
        }),
      ),
    ).toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringContaining("in progress cannot go back to scheduled"),
    });
    expect(
      await appErrorOf(
        transitionMaintenance(t.db, engineer, { maintenanceId: window.id, expectedVersion: 0, status: "completed" }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      details: { id: window.id, status: "in_progress", version: started.version },
    });
    expect(
      await appErrorOf(
        transitionMaintenance(t.db, engineer, {
          maintenanceId: window.id,
          expectedVersion: started.version,
          status: "in_progress",
        }),
      ),
    ).toMatchObject({
      code: "VALIDATION",
      fields: { message: expect.any(Array) },
    });
  });
});

describe("detection during maintenance", () => {
  it("opens nothing for a ComponentRegion failing inside its window, and proposes once the window is over and it still fails", async () => {
    const cr = p.cr("products", 2);
    const T0 = new Date("2026-11-25T10:00:00Z");
    const rounds = await makeProbeRounds(
      t.db,
      T0,
      [cr],
      p.regions.map((r) => r.id),
    );
    const window = await scheduleMaintenance(
      t.db,
      engineer,
      {
        title: "Reindex",
        scheduledStart: T0,
        scheduledEnd: rounds.roundStart(10),
        componentRegionIds: [cr],
        urgent: true,
      },
      { now: at(T0, -60_000) },
    );
    const DOWN: Outcome[] = ["down", "down", "down"];
    const proposals = () => t.db.incident.count({ where: { componentRegions: { some: { componentRegionId: cr } } } });

    await rounds.round(0, { [cr]: ["up", "up", "up"] });
    for (let i = 1; i <= 5; i++) await rounds.round(i, { [cr]: DOWN });
    await runMonitoringCycle(t.db, rounds.closedAfter(5), { detectTier2: false });
    expect((await t.db.componentRegion.findUniqueOrThrow({ where: { id: cr } })).probeStatus).toBe("major_outage");
    expect((await getMaintenance(t.db, window.id))!.status).toBe("in_progress");
    expect(await cellStatus(cr)).toBe("under_maintenance");
    expect(await proposals()).toBe(0);

    for (let i = 6; i <= 10; i++) await rounds.round(i, { [cr]: DOWN });
    await runMonitoringCycle(t.db, rounds.closedAfter(10), { detectTier2: false });
    expect((await getMaintenance(t.db, window.id))!.status).toBe("completed");
    expect(await proposals()).toBe(1);
    await t.db.probe.updateMany({ data: { enabled: false } });
  });
});
