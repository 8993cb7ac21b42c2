import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ConfirmationState,
  componentRegionProbeStatus,
  confirmRound,
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_QUORUM,
  INITIAL_CONFIRMATION,
  type RoundVerdict,
  roundStart,
  roundVerdict,
  SILENT_ROUNDS_UNTIL_UNKNOWN,
} from "./confirmation.ts";

function run(verdicts: (RoundVerdict | null)[], k = 3, state: ConfirmationState = INITIAL_CONFIRMATION) {
  const statuses = [];
  for (const verdict of verdicts) {
    state = confirmRound(state, verdict, k).state;
    statuses.push(state.confirmed);
  }
  return statuses;
}

const obs = (...outcomes: ("up" | "degraded" | "down")[]) => outcomes.map((outcome, i) => ({ vantage: `v${i}`, outcome }));

describe("roundVerdict", () => {
  it("needs a quorum of vantages to call a round down", () => {
    expect(roundVerdict(obs("down", "up", "up", "up", "up"), 2)).toBe("partial");
    expect(roundVerdict(obs("down", "down", "up", "up", "up"), 2)).toBe("down");
    expect(roundVerdict(obs("down"), 2)).toBe("partial");
    expect(roundVerdict(obs("down"), 1)).toBe("down");
  });

  it("calls slowness degraded and silence nothing", () => {
    expect(roundVerdict(obs("up", "degraded"), 2)).toBe("degraded");
    expect(roundVerdict(obs("up", "up"), 2)).toBe("up");
    expect(roundVerdict([], 2)).toBeNull();
  });
});

describe("confirmRound", () => {
  it("pins the defaults", () => {
    expect([DEFAULT_CONFIRM_ROUNDS, DEFAULT_QUORUM, SILENT_ROUNDS_UNTIL_UNKNOWN]).toEqual([3, 2, 3]);
  });

  it("shows operational on the first good round, and nothing after a single bad one", () => {
    expect(run(["up"])).toEqual(["operational"]);
    expect(run(["down"])).toEqual([null]);
  });

  it("confirms an outage only after K consecutive down rounds", () => {
    expect(run(["up", "down", "down", "down"])).toEqual(["operational", "operational", "operational", "major_outage"]);
  });

  it("recovers only after K consecutive good rounds (hysteresis)", () => {
    const state = confirmRound({ confirmed: "major_outage", recent: ["down", "down", "down"], silentRounds: 0 }, "up", 3).state;
    expect(run(["up", "up"], 3, state)).toEqual(["major_outage", "operational"]);
  });

  it("steps down through what the last K rounds sustain", () => {
    const start: ConfirmationState = { confirmed: "major_outage", recent: ["down", "down", "down"], silentRounds: 0 };
    expect(run(["partial", "partial", "partial", "up", "up", "up"], 3, start)).toEqual([
      "major_outage",
      "major_outage",
      "partial_outage",
      "partial_outage",
      "partial_outage",
      "operational",
    ]);
  });

  it("becomes unknown when every vantage falls silent, and says so once", () => {
    const changes = [];
    let state: ConfirmationState = { confirmed: "operational", recent: ["up", "up", "up"], silentRounds: 0 };
    for (let i = 0; i < SILENT_ROUNDS_UNTIL_UNKNOWN + 2; i++) {
      const step = confirmRound(state, null, 3);
      state = step.state;
      if (step.change) changes.push(step.change);
    }
    expect(changes).toEqual([{ from: "operational", to: null }]);
    expect(state.confirmed).toBeNull();
  });

  it("never turns a flapping check or one failing vantage into a major outage", () => {
    const flapping = fc.array(fc.constantFrom<RoundVerdict>("up", "down"), { maxLength: 60 }).filter((vs) => !vs.join(",").includes("down,down,down"));
    fc.assert(fc.property(flapping, (verdicts) => !run(["up", ...verdicts]).includes("major_outage")));
    // One vantage of five failing every round, forever: at most a partial outage.
    const oneVantageDown = roundVerdict(obs("down", "up", "up", "up", "up"), DEFAULT_QUORUM)!;
    expect(run(Array(20).fill(oneVantageDown)).at(-1)).toBe("partial_outage");
  });

  it("changes status only with K rounds of evidence for it (property)", () => {
    const rank = { up: 0, degraded: 1, partial: 2, down: 3 } as const;
    const statusRank = (s: string | null) => ({ degraded_performance: 1, partial_outage: 2, major_outage: 3 } as Record<string, number>)[s ?? ""] ?? 0;
    const verdicts = fc.array(fc.constantFrom<RoundVerdict | null>("up", "degraded", "partial", "down", null), { maxLength: 80 });
    fc.assert(
      fc.property(verdicts, fc.integer({ min: 1, max: 5 }), (sequence, k) => {
        let state = INITIAL_CONFIRMATION;
        let evidence: RoundVerdict[] = [];
        for (const verdict of sequence) {
          const step = confirmRound(state, verdict, k);
          if (verdict !== null) evidence.push(verdict);
          const change = step.change;
          if (change?.to === null) evidence = [];
          else if (change && change.from !== null) {
            const lastK = evidence.slice(-k).map((v) => rank[v]);
            const up = statusRank(change.to) > statusRank(change.from);
            // Worse: K rounds all at least that bad. Better: K rounds all at most that bad.
            if (lastK.length < k) return false;
            if (up && !lastK.every((r) => r >= statusRank(change.to))) return false;
            if (!up && !lastK.every((r) => r <= statusRank(change.to))) return false;
          } else if (change && change.to !== "operational") {
            // From no evidence, only K sustained bad rounds confirm a bad status.
            if (!evidence.slice(-k).every((v) => rank[v] >= statusRank(change.to)) || evidence.length < k) return false;
          }
          state = step.state;
        }
        return true;
      }),
    );
  });
});

describe("helpers", () => {
  it("shows the worst of a component-region's probes, unknown only if all are", () => {
    expect(componentRegionProbeStatus(["operational", null, "partial_outage"])).toBe("partial_outage");
    expect(componentRegionProbeStatus([null, null])).toBeNull();
  });

  it("aligns rounds to the interval", () => {
    expect(roundStart(new Date("2026-11-22T10:00:47.500Z"), 30).toISOString()).toBe("2026-11-22T10:00:30.000Z");
  });
});
