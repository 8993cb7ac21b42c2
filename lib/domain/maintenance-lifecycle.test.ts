import { describe, expect, it } from "vitest";
import {
  checkMaintenanceTransition,
  dueMaintenanceReminders,
  dueMaintenanceTransitions,
  MAINTENANCE_REMINDER_MINUTES,
  type MaintenanceStatus,
  type MaintenanceWindow,
  nextMaintenanceStatuses,
} from "./maintenance-lifecycle.ts";

const START = new Date("2026-06-10T22:00:00Z");
const END = new Date("2026-06-11T00:00:00Z");
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

function window(overrides: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  return {
    id: "m1",
    status: "scheduled",
    scheduledStart: START,
    scheduledEnd: END,
    autoTransition: true,
    createdAt: new Date("2026-06-01T00:00:00Z"),
    ...overrides,
  };
}

describe("checkMaintenanceTransition", () => {
  it.each([
    ["scheduled", "in_progress"],
    ["scheduled", "completed"],
    ["scheduled", "scheduled"],
    ["in_progress", "verifying"],
    ["in_progress", "completed"],
    ["verifying", "completed"],
    ["verifying", "in_progress"],
  ] as [MaintenanceStatus, MaintenanceStatus][])("allows %s → %s", (from, to) => {
    expect(checkMaintenanceTransition(from, to)).toEqual({ ok: true });
  });

  it("refuses to unstart a window, and says why", () => {
    expect(checkMaintenanceTransition("in_progress", "scheduled")).toEqual({
      ok: false,
      reason: expect.stringContaining("in progress cannot go back to scheduled"),
    });
  });

  it("refuses anything after completed", () => {
    expect(checkMaintenanceTransition("completed", "in_progress")).toEqual({
      ok: false,
      reason: expect.stringContaining("already completed"),
    });
    expect(nextMaintenanceStatuses("completed")).toEqual([]);
  });
});

describe("dueMaintenanceTransitions", () => {
  it("starts a window exactly at its scheduled start, not a millisecond before", () => {
    expect(dueMaintenanceTransitions(ms(START, -1), [window()])).toEqual([]);
    expect(dueMaintenanceTransitions(START, [window()])).toEqual([
      { maintenanceId: "m1", from: "scheduled", to: "in_progress", at: START },
    ]);
  });

  it("completes an in-progress window exactly at its scheduled end", () => {
    const w = window({ status: "in_progress" });
    expect(dueMaintenanceTransitions(ms(END, -1), [w])).toEqual([]);
    expect(dueMaintenanceTransitions(END, [w])).toEqual([
      { maintenanceId: "m1", from: "in_progress", to: "completed", at: END },
    ]);
  });

  it("starts and completes, in order, a window the worker missed entirely", () => {
    expect(dueMaintenanceTransitions(ms(END, 60_000), [window()])).toEqual([
      { maintenanceId: "m1", from: "scheduled", to: "in_progress", at: START },
      { maintenanceId: "m1", from: "in_progress", to: "completed", at: END },
    ]);
  });

  it("leaves windows under manual control and windows being verified alone", () => {
    expect(
      dueMaintenanceTransitions(ms(END, 1), [
        window({ autoTransition: false }),
        window({ id: "m2", status: "verifying" }),
        window({ id: "m3", status: "completed" }),
      ]),
    ).toEqual([]);
  });
});

describe("dueMaintenanceReminders", () => {
  const lead = MAINTENANCE_REMINDER_MINUTES * 60_000;
  it("is pinned: one reminder an hour before the start", () => {
    expect(MAINTENANCE_REMINDER_MINUTES).toBe(60);
  });

  it("reminds from an hour before the start until the start", () => {
    expect(dueMaintenanceReminders(ms(START, -lead - 1), [window()])).toEqual([]);
    expect(dueMaintenanceReminders(ms(START, -lead), [window()])).toEqual(["m1"]);
    expect(dueMaintenanceReminders(ms(START, -1), [window()])).toEqual(["m1"]);
    expect(dueMaintenanceReminders(START, [window()])).toEqual([]);
  });

  it("does not remind of a window scheduled inside the reminder period, or one already started", () => {
    expect(dueMaintenanceReminders(ms(START, -60_000), [window({ createdAt: ms(START, -30 * 60_000) })])).toEqual([]);
    expect(dueMaintenanceReminders(ms(START, -60_000), [window({ status: "in_progress" })])).toEqual([]);
  });
});
