import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration.ts";

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [0, "0 s"],
    [400, "< 1 s"],
    [45_000, "45 s"],
    [252_000, "4 min 12 s"],
    [240_000, "4 min"],
    [7_500_000, "2 h 5 min"],
    [3_600_000 + 30_000, "1 h"],
    [3 * 86_400_000 + 4 * 3_600_000 + 59_000, "3 d 4 h"],
  ])("%s ms reads %s", (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });
});
