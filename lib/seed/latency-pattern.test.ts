import { describe, expect, it } from "vitest";
import { latencyFactor, QUIET_SHARE } from "./latency-pattern.ts";

describe("the demo history's latency rhythm", () => {
  it("peaks on weekday afternoons, dips at night, and swings less at weekends", () => {
    const wednesday = Date.UTC(2026, 11, 2);
    const saturday = Date.UTC(2026, 11, 5);
    const at = (day: number, hour: number) => latencyFactor(day + hour * 3_600_000);
    expect(at(wednesday, 15)).toBe(1);
    expect(at(wednesday, 3)).toBeCloseTo(QUIET_SHARE, 10);
    expect(at(saturday, 15)).toBeLessThan(0.8);
    expect(at(saturday, 15)).toBeGreaterThan(at(saturday, 3));
    for (let h = 0; h < 24 * 7; h++) {
      const f = latencyFactor(wednesday + h * 3_600_000);
      expect(f).toBeGreaterThanOrEqual(QUIET_SHARE);
      expect(f).toBeLessThanOrEqual(1);
    }
  });
});
