import { describe, expect, it } from "vitest";
import {
  ACTION_ITEM_STATES,
  checkActionItemTransition,
  daysUntilDue,
  dueDay,
  isActionItemOverdue,
  isoWeek,
  needsReminder,
} from "./postmortem-action-items.ts";

const d = (iso: string) => new Date(iso);

describe("action-item lifecycle", () => {
  it("allows exactly the documented moves", () => {
    const allowed = ACTION_ITEM_STATES.flatMap((from) =>
      ACTION_ITEM_STATES.filter((to) => checkActionItemTransition(from, to, "because").ok).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      "open→in_progress",
      "open→wont_do",
      "in_progress→open",
      "in_progress→done",
      "in_progress→wont_do",
      "done→open",
      "wont_do→open",
    ]);
  });

  it("needs a reason for won't do", () => {
    expect(checkActionItemTransition("open", "wont_do")).toEqual({ ok: false, reason: "Say why it won't be done." });
    expect(checkActionItemTransition("open", "wont_do", "   ").ok).toBe(false);
    expect(checkActionItemTransition("open", "done", "x")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("cannot become done"),
    });
  });
});

describe("due dates", () => {
  const now = d("2026-03-02T15:00:00Z");

  it("counts whole UTC days to the due day", () => {
    expect(daysUntilDue(d("2026-03-02T00:00:00Z"), now)).toBe(0);
    expect(daysUntilDue(d("2026-03-04T00:00:00Z"), now)).toBe(2);
    expect(daysUntilDue(d("2026-03-01T00:00:00Z"), now)).toBe(-1);
    expect(dueDay(d("2026-03-04T17:45:00Z"))).toEqual(d("2026-03-04T00:00:00Z"));
  });

  it("is overdue only once its day is over and only while unfinished", () => {
    expect(isActionItemOverdue({ state: "open", dueDate: d("2026-03-02T00:00:00Z") }, now)).toBe(false);
    expect(isActionItemOverdue({ state: "in_progress", dueDate: d("2026-03-01T00:00:00Z") }, now)).toBe(true);
    expect(isActionItemOverdue({ state: "done", dueDate: d("2026-03-01T00:00:00Z") }, now)).toBe(false);
    expect(isActionItemOverdue({ state: "open", dueDate: null }, now)).toBe(false);
  });

  it("reminds within the window, not for past or finished items", () => {
    expect(needsReminder({ state: "open", dueDate: d("2026-03-04T00:00:00Z") }, now, 2)).toBe(true);
    expect(needsReminder({ state: "open", dueDate: d("2026-03-05T00:00:00Z") }, now, 2)).toBe(false);
    expect(needsReminder({ state: "open", dueDate: d("2026-03-01T00:00:00Z") }, now, 2)).toBe(false);
    expect(needsReminder({ state: "wont_do", dueDate: d("2026-03-03T00:00:00Z") }, now, 2)).toBe(false);
  });

  it.each([
    ["2026-01-01T12:00:00Z", "2026-W01"],
    ["2027-01-01T12:00:00Z", "2026-W53"],
    ["2026-03-02T00:00:00Z", "2026-W10"],
    ["2026-03-08T23:59:59Z", "2026-W10"],
    ["2024-12-30T00:00:00Z", "2025-W01"],
  ])("%s is in ISO week %s", (iso, week) => {
    expect(isoWeek(d(iso))).toBe(week);
  });
});
