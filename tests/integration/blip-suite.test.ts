// The blip suite as a test: seeded faults through the simulator's fault model
// and the real confirmation code, held to the targets. The same
// scenarios, with more runs and the figures, are `npm run bench -- detection`.
import { describe, expect, it } from "vitest";
import {
  MAJOR_WITHIN_MS,
  MAX_FLAP_CHANGES_PER_HOUR,
  runFigures,
  SCENARIOS,
  type ScenarioFigures,
} from "../../bench/detection-scenarios.ts";

const RUNS = 100;
const figures = new Map<string, ScenarioFigures>();
function scenario(key: string): ScenarioFigures {
  const found = SCENARIOS.find((s) => s.key === key)!;
  if (!figures.has(key)) figures.set(key, runFigures(found, key === "c" ? 4 : RUNS));
  return figures.get(key)!;
}

describe("the blip suite", () => {
  it("(a) one vantage failing for 30 minutes is a partial outage, never a major one", () => {
    const a = scenario("a");
    expect(a.majorMinutesTotal).toBe(0);
    expect(a.minutes.partial_outage).toBeGreaterThan(29);
    expect(a.changesMax).toBe(2);
  });

  it.each(["b10", "b30"])("(%s) random errors from every vantage never make a major outage", (key) => {
    expect(scenario(key).majorMinutesTotal).toBe(0);
  });

  it("(b30) 30 % errors read as a partial outage for most of the half hour", () => {
    expect(scenario("b30").minutes.partial_outage).toBeGreaterThan(25);
  });

  it("(c) a day of 1 % single failures changes nothing", () => {
    const c = scenario("c");
    expect(c.majorMinutesTotal).toBe(0);
    expect(c.minutes.partial_outage).toBeLessThan(1);
  }, 60_000);

  it("(d) a flapping check changes status at most 4 times an hour, and is never major after its first down minute", () => {
    // The first down minute is bit for bit the first minute of a full outage, which (e) must confirm within 75 s.
    const d = scenario("d");
    expect(d.changesPerHourMax).toBeLessThanOrEqual(MAX_FLAP_CHANGES_PER_HOUR);
    expect(d.majorAfterFirstCycleTotal).toBe(0);
    expect(d.minutes.partial_outage).toBeGreaterThan(55);
  });

  it("(e) a full outage is confirmed major within two probe intervals plus K rounds, every time", () => {
    const e = scenario("e");
    expect(MAJOR_WITHIN_MS).toBe(75_000);
    expect(e.major.count).toBe(RUNS);
    expect(e.major.max).toBeLessThanOrEqual(MAJOR_WITHIN_MS);
    expect(e.minutes.major_outage).toBeGreaterThan(9.5);
  });
});
