// The anomaly benchmark's replay, smaller, held to the targets: the
// same seeded seasonal series, ramps and detection code as `npm run bench --
// anomaly` (bench/anomaly-replay.ts), on fewer ComponentRegions. Behaviour
// only; the benchmark reports the cost.
import { describe, expect, it } from "vitest";
import { BENCH_OPTIONS, medianOf, type ReplayFigures, runReplay, TARGETS } from "../../bench/anomaly-replay.ts";

let figures: ReplayFigures | undefined;
const replay = () => {
  figures ??= runReplay({ ...BENCH_OPTIONS, componentRegions: 12, degradations: 16 });
  return figures;
};

describe("seasonal early warning on a seeded replay", () => {
  it("warns of gradual degradations well before the degraded line, and rarely otherwise", () => {
    const f = replay();
    const seasonal = f.detectors.seasonal;
    expect(f.scored).toBeGreaterThanOrEqual(14);
    expect(medianOf(seasonal.leadMinutes)).toBeGreaterThanOrEqual(TARGETS.medianLeadMinutes);
    expect(seasonal.detected / f.scored).toBeGreaterThanOrEqual(TARGETS.recall);
    expect(seasonal.falseAlarms / f.componentRegionWeeks).toBeLessThanOrEqual(
      TARGETS.falseAlarmsPerComponentRegionWeek,
    );
  }, 600_000);

  it("leads a static line and cries wolf less than last week's same hour", () => {
    const { seasonal, static: line, "last-week": lastWeek } = replay().detectors;
    expect(medianOf(seasonal.leadMinutes)).toBeGreaterThan(medianOf(line.leadMinutes));
    expect(seasonal.falseAlarms).toBeLessThan(lastWeek.falseAlarms);
  }, 600_000);
});
