import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "../generated/prisma/enums.ts";
import {
  type ConfirmationState,
  componentRegionProbeStatus,
  confirmRound,
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_QUORUM,
  ESCALATION_FACTOR,
  evidenceWindow,
  FLAP_SPELLS,
  FLAP_WINDOW_ROUNDS,
  failingNeededForDown,
  historyLength,
  INITIAL_CONFIRMATION,
  MIN_FAILING_FOR_DOWN,
  roundInput,
  roundStart,
  roundVerdict,
  SILENT_ROUNDS_UNTIL_UNKNOWN,
  steadyRounds,
  type VantageObservation,
} from "./confirmation.ts";
import { DETECTION_LEVELS_HEADING, detectionLevelTables } from "./detection-levels.ts";

/** One round, one character per vantage: X failed, . passed, s slow, - did not report. */
function observations(round: string): VantageObservation[] {
  const outcomes = { X: "down", ".": "up", s: "degraded" } as const;
  return [...round].flatMap((c, i) =>
    c === "-" ? [] : [{ vantage: `v${i}`, outcome: outcomes[c as keyof typeof outcomes] }],
  );
}

interface Change {
  round: number;
  from: ComponentStatus | null;
  to: ComponentStatus | null;
  rounds: number;
}

/** Drives rounds through confirmation as the evaluator does: each round judged with the rounds before it. */
function drive(
  rounds: readonly string[],
  options: { k?: number; quorum?: number; state?: ConfirmationState; before?: readonly string[] } = {},
) {
  const k = options.k ?? DEFAULT_CONFIRM_ROUNDS;
  const quorum = options.quorum ?? DEFAULT_QUORUM;
  const seen = (options.before ?? []).map(observations);
  let state = options.state ?? INITIAL_CONFIRMATION;
  const statuses: (ComponentStatus | null)[] = [];
  const changes: Change[] = [];
  for (const [i, round] of rounds.entries()) {
    seen.push(observations(round));
    const step = confirmRound(state, roundInput(seen.slice(-evidenceWindow(k)), quorum), k);
    if (step.change) changes.push({ round: i, ...step.change });
    state = step.state;
    statuses.push(state.confirmed);
  }
  return { statuses, changes, state };
}

const times = (n: number, round: string) => Array<string>(n).fill(round);
const settled = (round = ".....") => drive(times(historyLength(DEFAULT_CONFIRM_ROUNDS), round)).state;

describe("the numbers", () => {
  it("are pinned", () => {
    expect([DEFAULT_CONFIRM_ROUNDS, DEFAULT_QUORUM, SILENT_ROUNDS_UNTIL_UNKNOWN, MIN_FAILING_FOR_DOWN]).toEqual([
      3, 2, 3, 2,
    ]);
    expect([FLAP_WINDOW_ROUNDS, FLAP_SPELLS, ESCALATION_FACTOR]).toEqual([16, 2, 2]);
    expect([evidenceWindow(3), historyLength(3), historyLength(10)]).toEqual([6, 16, 20]);
  });
});

describe("a round's verdict follows the share of reporting vantages failing", () => {
  it.each([
    [1, 2, 2],
    [2, 2, 2],
    [3, 2, 2],
    [4, 2, 3],
    [5, 2, 3],
    [6, 2, 4],
    [5, 4, 4],
    [5, 1, 3],
  ])("%i reporting, quorum %i: %i failing make it down", (reporting, quorum, needed) => {
    expect(failingNeededForDown(reporting, quorum)).toBe(needed);
  });

  it.each([
    ["XXX..", "down"],
    ["XX...", "partial"],
    ["X....", "partial"],
    ["XX", "down"],
    ["X.", "partial"],
    ["X", "partial"],
    ["XX-.-", "down"],
    [".s...", "degraded"],
    ["X.s..", "partial"],
    [".....", "up"],
  ])("%s is %s", (round, verdict) => expect(roundVerdict(observations(round), DEFAULT_QUORUM)).toBe(verdict));

  it("is nothing when nobody reported", () => expect(roundVerdict([], DEFAULT_QUORUM)).toBeNull());
});

describe("steadiness", () => {
  const window = (...rounds: string[]) => rounds.map(observations);
  it("counts the rounds in which the same vantages kept failing", () => {
    expect(steadyRounds(window("XXX..", "XXX..", "XXX.."), 3)).toBe(3);
    expect(steadyRounds(window("X.XX.", "XXX..", "XXX.."), 3)).toBe(2);
    expect(steadyRounds(window("XXX..", "..XXX", "X.X.X"), 3)).toBe(1);
    expect(steadyRounds(window("XXX..", "XXX..", "X...."), 3)).toBe(0);
    expect(steadyRounds(window(".....", "X....", "X...."), 1)).toBe(2);
  });

  it("keeps a vantage that did not report in a round", () => {
    expect(steadyRounds(window("-XX..", "XXX..", "XXX.."), 3)).toBe(3);
  });
});

describe("major outage", () => {
  it("is confirmed after K rounds in which every vantage but at most one failed, dated from the first", () => {
    const { statuses, changes } = drive([".....", "XXXXX", "XXXXX", "XXXXX"]);
    expect(statuses).toEqual(["operational", "operational", "operational", "major_outage"]);
    expect(changes.at(-1)).toEqual({ round: 3, from: "operational", to: "major_outage", rounds: 3 });
    expect(drive(["XXXX.", "XXX.X", "XXXX."], { state: settled() }).statuses.at(-1)).toBe("major_outage");
    expect(drive(times(3, "XX"), { state: settled("..") }).statuses.at(-1)).toBe("major_outage");
    expect(drive(times(3, "XX."), { state: settled("...") }).statuses.at(-1)).toBe("major_outage");
  });

  it("needs 2K rounds of the same strict majority when it is not nearly all", () => {
    const { statuses, changes } = drive(times(6, "XXX.."), { state: settled() });
    expect(statuses).toEqual([
      "operational",
      "operational",
      "partial_outage",
      "partial_outage",
      "partial_outage",
      "major_outage",
    ]);
    expect(changes.at(-1)).toEqual({ round: 5, from: "partial_outage", to: "major_outage", rounds: 6 });
  });

  it("waits a round for it rather than showing a partial outage first", () => {
    // The round a fault begins in is seen failing by the vantages that checked after it began.
    const { changes } = drive(["...XX", "XXXXX", "XXXXX", "XXXXX"], { state: settled() });
    expect(changes).toEqual([{ round: 3, from: "operational", to: "major_outage", rounds: 3 }]);
  });

  it("is never confirmed by a minority, by one vantage alone, or when only one reports", () => {
    expect(drive(times(40, "XX..."), { state: settled() }).statuses.at(-1)).toBe("partial_outage");
    expect(drive(times(40, "X...."), { state: settled() }).statuses.at(-1)).toBe("partial_outage");
    expect(drive(times(40, "X----"), { state: settled() }).statuses.at(-1)).toBe("partial_outage");
  });

  it("is not confirmed when the failing majority moves from vantage to vantage", () => {
    const rotating = ["XXX..", ".XXX.", "..XXX", "X..XX", "XX..X"];
    const { statuses } = drive([...rotating, ...rotating, ...rotating], { state: settled() });
    expect(statuses).not.toContain("major_outage");
  });

  it("needs 2K down rounds when failures came before them", () => {
    const partial = drive(times(4, "X...."), { state: settled() });
    expect(partial.statuses.at(-1)).toBe("partial_outage");
    const { statuses, changes } = drive(times(6, "XXXXX"), { state: partial.state });
    expect(statuses).toEqual([...times(5, "partial_outage"), "major_outage"]);
    expect(changes).toEqual([{ round: 5, from: "partial_outage", to: "major_outage", rounds: 6 }]);
  });

  it("is left after K rounds in a row that are not down, in one step", () => {
    const major = drive(times(3, "XXXXX"), { state: settled() }).state;
    const { statuses, changes } = drive(["XX...", ".....", ".....", "....."], { state: major });
    expect(statuses).toEqual(["major_outage", "major_outage", "major_outage", "operational"]);
    expect(changes).toEqual([{ round: 3, from: "major_outage", to: "operational", rounds: 3 }]);
    expect(drive(["XX...", "XX...", "XX..."], { state: major }).statuses.at(-1)).toBe("partial_outage");
    expect(drive(["XXXXX", "XX...", "....."], { state: major }).statuses.at(-1)).toBe("major_outage");
  });
});

describe("flapping", () => {
  const cycle = ["XXXXX", "XXXXX", "XXXXX", "XXXXX", ".....", ".....", ".....", "....."];

  it("after the first outage, damps a check that keeps failing and recovering to a steady partial outage", () => {
    const { statuses, changes } = drive(Array.from({ length: 8 }, () => cycle).flat(), { state: settled() });
    expect(changes.map((c) => c.to)).toEqual(["major_outage", "operational", "partial_outage"]);
    expect(statuses.slice(16).every((s) => s === "partial_outage")).toBe(true);
  });

  it("lets go once fewer than two failing spells remain in the flap window", () => {
    const quick = ["XXXXX", "XXXXX", "XXXXX", "XXXXX", ".....", ".....", "....."];
    const flapping = drive([...quick, ...quick, ...quick], { state: settled() });
    expect(flapping.state.confirmed).toBe("partial_outage");
    const { statuses } = drive(times(FLAP_WINDOW_ROUNDS, "....."), { state: flapping.state });
    // 3 good rounds were already in: the spell before the last keeps two rounds in the 16-round window for 7 good rounds in all.
    expect(statuses.indexOf("operational")).toBe(4);
  });

  it("never counts lone failed rounds, however frequent", () => {
    const blips = fc
      .array(fc.constantFrom(".....", "X....", "..X..", "XXXXX", "XX..."), { maxLength: 60 })
      .map((rounds) => rounds.map((r, i) => (i > 0 && rounds[i - 1] !== "....." ? "....." : r)));
    fc.assert(fc.property(blips, (rounds) => drive(rounds, { state: settled() }).changes.length === 0));
  });
});

describe("partial outage", () => {
  it("is confirmed when one vantage failed in each of the last K rounds", () => {
    const { statuses, changes } = drive(["X....", "X....", "X...."], { state: settled() });
    expect(statuses).toEqual(["operational", "operational", "partial_outage"]);
    expect(changes).toEqual([{ round: 2, from: "operational", to: "partial_outage", rounds: 3 }]);
  });

  it("is not confirmed by failures that move from vantage to vantage", () => {
    expect(drive(["X....", ".X...", "..X..", "...X.", "....X"], { state: settled() }).changes).toEqual([]);
  });

  it("is left after K rounds in a row without a failure", () => {
    const partial = drive(times(4, "X...."), { state: settled() }).state;
    expect(drive([".....", ".....", "....."], { state: partial }).statuses).toEqual([
      "partial_outage",
      "partial_outage",
      "operational",
    ]);
  });
});

describe("degraded performance", () => {
  it("is confirmed after K slow rounds and left after K good ones", () => {
    const { statuses } = drive(["s....", ".s...", "..s..", ".....", ".....", "....."], { state: settled() });
    expect(statuses).toEqual([
      "operational",
      "operational",
      "degraded_performance",
      "degraded_performance",
      "degraded_performance",
      "operational",
    ]);
  });
});

describe("no evidence", () => {
  it("shows operational on the first good round, and nothing after a single bad one", () => {
    expect(drive(["....."]).statuses).toEqual(["operational"]);
    expect(drive(["XXXXX"]).statuses).toEqual([null]);
  });

  it("becomes unknown when every vantage falls silent, and says so once", () => {
    const changes = [];
    let state = settled();
    for (let i = 0; i < SILENT_ROUNDS_UNTIL_UNKNOWN + 2; i++) {
      const step = confirmRound(state, roundInput([[]], DEFAULT_QUORUM), 3);
      state = step.state;
      if (step.change) changes.push(step.change);
    }
    expect(changes).toEqual([{ from: "operational", to: null, rounds: SILENT_ROUNDS_UNTIL_UNKNOWN }]);
    expect(state.confirmed).toBeNull();
  });
});

describe("every change", () => {
  const rank: Record<string, number> = { up: 0, degraded: 1, partial: 2, down: 3 };
  const statusRank = (s: ComponentStatus | null) =>
    (({ degraded_performance: 1, partial_outage: 2, major_outage: 3 }) as Record<string, number>)[s ?? ""] ?? 0;
  const rounds = fc.array(fc.constantFrom(".....", "X....", "XX...", "XXX..", "XXXXX", "s....", "-----", "X.X.X"), {
    maxLength: 80,
  });

  it("rests on K rounds that all sustain it, and a major outage only on down rounds (property)", () => {
    fc.assert(
      fc.property(rounds, fc.integer({ min: 1, max: 5 }), (sequence, k) => {
        let state = INITIAL_CONFIRMATION;
        const seen: VantageObservation[][] = [];
        for (const round of sequence) {
          seen.push(observations(round));
          const step = confirmRound(state, roundInput(seen.slice(-evidenceWindow(k)), DEFAULT_QUORUM), k);
          const change = step.change;
          if (change && change.to !== null && !(change.from === null && change.to === "operational")) {
            const last = step.state.recent.slice(-change.rounds).map((v) => rank[v]!);
            if (last.length < k) return false;
            const worse = statusRank(change.to) > statusRank(change.from);
            if (worse && !last.every((r) => r >= statusRank(change.to))) return false;
            if (!worse && !last.slice(-k).every((r) => r < statusRank(change.from))) return false;
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

describe("the README", () => {
  it(`prints the detection levels under "${DETECTION_LEVELS_HEADING}" exactly as the code applies them`, () => {
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const lines = readme.split("\n").map((l) => l.trim());
    const heading = lines.indexOf(DETECTION_LEVELS_HEADING);
    expect(heading, `README.md has no line "${DETECTION_LEVELS_HEADING}"`).toBeGreaterThan(-1);
    // The first two tables under the heading, without their separator rows.
    const tables: string[][] = [];
    for (const [i, line] of lines.slice(heading + 1).entries()) {
      if (line.startsWith("#") || tables.length > 2) break;
      if (!line.startsWith("|")) continue;
      if (!lines[heading + i]!.startsWith("|")) tables.push([]);
      if (!/^\|[\s|:-]+\|$/.test(line)) tables.at(-1)!.push(line);
    }
    const expected = detectionLevelTables().map((table) => table.filter((_, i) => i !== 1));
    expect(tables.slice(0, 2)).toEqual(expected);
  });
});
