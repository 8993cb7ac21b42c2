import { describe, expect, it } from "vitest";
import {
  elapsed,
  formatDayKey,
  formatDuration,
  formatMonth,
  formatUtcDate,
  formatUtcDateTime,
  formatUtcDay,
  formatUtcTime,
} from "./time-display.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatDuration", () => {
  it.each([
    [0, "less than a minute"],
    [59_999, "less than a minute"],
    [MIN, "1 min"],
    [45 * MIN + 59_000, "45 min"],
    [HOUR, "1 h"],
    [2 * HOUR + 5 * MIN, "2 h 5 min"],
    [DAY - 1, "23 h 59 min"],
    [DAY, "1 d"],
    [3 * DAY + 4 * HOUR + 59 * MIN, "3 d 4 h"],
    [40 * DAY, "40 d"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("refuses negative and non-finite durations", () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("elapsed", () => {
  const from = new Date("2026-11-21T10:00:00Z");
  it("runs to the end when there is one, else to now", () => {
    expect(elapsed(from, new Date("2026-11-21T12:00:00Z"), new Date("2026-11-30T00:00:00Z"))).toBe(2 * HOUR);
    expect(elapsed(from, null, new Date("2026-11-21T10:30:00Z"))).toBe(30 * MIN);
  });
  it("never goes below zero when clocks disagree", () => {
    expect(elapsed(from, null, new Date("2026-11-21T09:00:00Z"))).toBe(0);
  });
});

describe("UTC text", () => {
  // 23:30 UTC is already the next day east of Greenwich: the text must still say the 21st.
  const at = new Date("2026-11-21T23:30:00Z");
  it("writes dates, days and times in UTC whatever the machine's zone", () => {
    expect(formatUtcDate(at)).toBe("21 Nov 2026");
    expect(formatUtcDay(at)).toBe("Sat 21 Nov 2026");
    expect(formatUtcTime(at)).toBe("23:30 UTC");
    expect(formatUtcDateTime(new Date("2026-01-02T03:04:59Z"))).toBe("2 Jan 2026, 03:04 UTC");
  });
  it("writes a day key as its date, the same as from the day's first instant", () => {
    expect(formatDayKey("2026-11-21")).toBe("21 Nov 2026");
    expect(formatDayKey("2026-01-02")).toBe(formatUtcDate(new Date("2026-01-02T00:00:00Z")));
    expect(() => formatDayKey("2026-11-21T00:00")).toThrow(RangeError);
    expect(() => formatDayKey("2026-13-01")).toThrow(RangeError);
  });
  it("names months", () => {
    expect(formatMonth("2026-11")).toBe("November 2026");
    expect(() => formatMonth("2026-13")).toThrow(RangeError);
  });
  it("refuses an invalid date rather than printing NaN", () => {
    expect(() => formatUtcDate(new Date("nope"))).toThrow(RangeError);
  });
});
