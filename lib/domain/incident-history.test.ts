import { describe, expect, it } from "vitest";
import { groupByStartDay, groupByStartMonth, spansByDay } from "./incident-history.ts";

const incident = (id: string, startedAt: string, resolvedAt: string | null = null) => ({
  id,
  startedAt: new Date(startedAt),
  resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
});

describe("groupByStartDay", () => {
  const now = new Date("2026-11-22T12:00:00Z");

  it("lists the last days newest first, quiet days included, like Statuspage's past incidents", () => {
    const days = groupByStartDay(
      [
        incident("a", "2026-11-22T01:00:00Z"),
        incident("b", "2026-11-20T08:00:00Z"),
        incident("c", "2026-11-20T17:00:00Z"),
        incident("too-old", "2026-11-15T23:59:59Z"),
      ],
      now,
      7,
    );
    expect(days.map((d) => d.day)).toEqual([
      "2026-11-22",
      "2026-11-21",
      "2026-11-20",
      "2026-11-19",
      "2026-11-18",
      "2026-11-17",
      "2026-11-16",
    ]);
    expect(days.map((d) => d.items.map((i) => i.id))).toEqual([["a"], [], ["c", "b"], [], [], [], []]);
  });

  it("puts an incident on its UTC start day, not the machine's", () => {
    const [today, yesterday] = groupByStartDay([incident("late", "2026-11-21T23:59:00Z")], now, 2);
    expect(today!.items).toEqual([]);
    expect(yesterday!.items.map((i) => i.id)).toEqual(["late"]);
  });
});

describe("groupByStartMonth", () => {
  it("groups by UTC month, newest first", () => {
    const months = groupByStartMonth([
      incident("oct", "2026-10-31T23:00:00Z"),
      incident("nov-1", "2026-11-01T00:00:00Z"),
      incident("nov-2", "2026-11-20T00:00:00Z"),
    ]);
    expect(months).toEqual([
      { month: "2026-11", items: [expect.objectContaining({ id: "nov-2" }), expect.objectContaining({ id: "nov-1" })] },
      { month: "2026-10", items: [expect.objectContaining({ id: "oct" })] },
    ]);
  });
});

describe("spansByDay", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  const ids = (m: Map<string, { id: string }[]>) =>
    Object.fromEntries([...m].map(([day, list]) => [day, list.map((i) => i.id)]));

  it("marks every day an incident touched, and an open one up to today", () => {
    const map = spansByDay(
      [
        incident("overnight", "2026-11-19T22:00:00Z", "2026-11-20T02:00:00Z"),
        incident("open", "2026-11-21T10:00:00Z"),
        incident("ends-at-midnight", "2026-11-18T20:00:00Z", "2026-11-19T00:00:00Z"),
      ],
      now,
      7,
    );
    expect(ids(map)).toEqual({
      "2026-11-18": ["ends-at-midnight"],
      "2026-11-19": ["overnight"],
      "2026-11-20": ["overnight"],
      "2026-11-21": ["open"],
      "2026-11-22": ["open"],
    });
  });

  it("clips to the window and keeps instantaneous incidents on their day", () => {
    const map = spansByDay(
      [
        incident("long-ago", "2026-01-01T00:00:00Z", "2026-11-16T01:00:00Z"),
        incident("blip", "2026-11-17T05:00:00Z", "2026-11-17T05:00:00Z"),
      ],
      now,
      7,
    );
    expect(ids(map)).toEqual({ "2026-11-16": ["long-ago"], "2026-11-17": ["blip"] });
  });

  it("orders a day's incidents by start", () => {
    const map = spansByDay(
      [incident("later", "2026-11-22T09:00:00Z"), incident("earlier", "2026-11-22T01:00:00Z", "2026-11-22T02:00:00Z")],
      now,
      1,
    );
    expect(ids(map)).toEqual({ "2026-11-22": ["earlier", "later"] });
  });
});
