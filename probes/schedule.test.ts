import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextSlot, probeOffsetMs } from "./schedule.ts";

describe("the probe schedule", () => {
  it("puts each probe at a stable offset inside its interval", () => {
    const offset = probeOffsetMs("probe-1", "europe-west1.gcp", 15_000);
    expect(offset).toBe(probeOffsetMs("probe-1", "europe-west1.gcp", 15_000));
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(15_000);
  });

  it("spreads many probes over the interval instead of starting them together", () => {
    const offsets = Array.from({ length: 1000 }, (_, i) => probeOffsetMs(`probe-${i}`, "us-east-2.aws", 30_000));
    const perSecond = new Array(30).fill(0);
    for (const o of offsets) perSecond[Math.floor(o / 1000)] += 1;
    // 1000 probes over 30 one-second slots: no second gets more than twice its share.
    expect(Math.max(...perSecond)).toBeLessThan((1000 / 30) * 2);
  });

  it("finds the next slot on the grid, so runs never drift", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1000, max: 600_000 }),
        fc.nat(),
        (after, interval, seed) => {
          const offset = seed % interval;
          const slot = nextSlot(after, interval, offset);
          return slot > after && slot - after <= interval && (slot - offset) % interval === 0;
        },
      ),
    );
    expect(nextSlot(29_999, 30_000, 0)).toBe(30_000);
    expect(nextSlot(30_000, 30_000, 0)).toBe(60_000);
  });
});
