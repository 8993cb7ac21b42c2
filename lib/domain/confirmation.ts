// Confirmation: one failed check is not an outage. Each probe's rounds (one
// interval, one latest result per vantage) become a verdict by the share of
// vantages failing; a status is confirmed only when enough rounds sustain it,
// in both directions, and a check that keeps failing and recovering is damped.
// The rule as a table: detection-levels.ts (printed in the README).
import type { CheckOutcome, ComponentStatus } from "../generated/prisma/enums.ts";
import { worstStatus } from "./status.ts";

/** Defaults for a probe's K and quorum; each probe may set its own. */
export const DEFAULT_CONFIRM_ROUNDS = 3;
export const DEFAULT_QUORUM = 2;
/** After this many rounds with no result from any vantage, the status becomes unknown. */
export const SILENT_ROUNDS_UNTIL_UNKNOWN = 3;
/** Never fewer failing vantages than this for a *down* round: one vantage alone is a network path, not an outage. */
export const MIN_FAILING_FOR_DOWN = 2;
/**
 * Flap damping looks this far back. Two separate failing spells inside it mean
 * the check keeps failing and recovering: a 1-minute-on, 1-minute-off flap at
 * the demo's 15 s interval repeats every 8 rounds, so 16 always holds two.
 */
export const FLAP_WINDOW_ROUNDS = 16;
export const FLAP_SPELLS = 2;
/**
 * A major outage needs this many times K rounds of the same strict majority
 * failing, unless nearly every vantage failed in each of K rounds after a clean
 * start: random errors at 30 % fail a majority K rounds in a row, rarely 2K.
 */
export const ESCALATION_FACTOR = 2;

export type RoundVerdict = "up" | "degraded" | "partial" | "down";

const VERDICT_RANK: Readonly<Record<RoundVerdict, number>> = { up: 0, degraded: 1, partial: 2, down: 3 };
const STATUS_BY_RANK: readonly ComponentStatus[] = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
];
const PARTIAL = 2;
const MAJOR = 3;

export interface VantageObservation {
  vantage: string;
  outcome: CheckOutcome;
}

/** How many of `reporting` vantages must fail for a *down* round: a strict majority, at least `quorum`, at least two. */
export function failingNeededForDown(reporting: number, quorum: number): number {
  return Math.max(MIN_FAILING_FOR_DOWN, quorum, Math.floor(reporting / 2) + 1);
}

/** One round on its own, by the share of the vantages that reported in it. */
export function roundVerdict(observations: readonly VantageObservation[], quorum: number): RoundVerdict | null {
  if (observations.length === 0) return null;
  const down = observations.filter((o) => o.outcome === "down").length;
  if (down >= failingNeededForDown(observations.length, quorum)) return "down";
  if (down > 0) return "partial";
  if (observations.some((o) => o.outcome === "degraded")) return "degraded";
  return "up";
}

/**
 * For how many of the latest rounds (oldest first, the current one last) at
 * least `needed` of the vantages failing now have failed in every round they
 * reported in. Random errors move from vantage to vantage; an outage stays.
 */
export function steadyRounds(window: readonly (readonly VantageObservation[])[], needed: number): number {
  let steady = (window.at(-1) ?? []).filter((o) => o.outcome === "down").map((o) => o.vantage);
  if (needed < 1 || steady.length < needed) return 0;
  for (let back = 2; back <= window.length; back++) {
    const round = window[window.length - back]!;
    // A vantage that did not report in a round keeps its place; one that saw the check pass loses it.
    steady = steady.filter((v) => !round.some((o) => o.vantage === v && o.outcome !== "down"));
    if (steady.length < needed) return back - 1;
  }
  return window.length;
}

export interface ConfirmationState {
  /** The confirmed status; null until there is evidence, or after silence. */
  confirmed: ComponentStatus | null;
  /** The latest verdicts, oldest first: enough for the flap window and the escalation's 2K. */
  recent: RoundVerdict[];
  silentRounds: number;
}

export const INITIAL_CONFIRMATION: ConfirmationState = { confirmed: null, recent: [], silentRounds: 0 };

/** What one closed round contributes: its verdict, and how steadily the same vantages have been failing. */
export interface RoundInput {
  verdict: RoundVerdict | null;
  /** steadyRounds for a strict majority (failingNeededForDown) of the vantages reporting now. */
  steadyMajority: number;
  /** steadyRounds for any one vantage. */
  steadyFailing: number;
  /** For how many of the latest rounds at least `quorum` vantages (never fewer than two) failed together. */
  quorumFailing: number;
  /** For how many of the latest rounds every reporting vantage but at most one failed (and enough for *down*). */
  nearlyAllFailing: number;
}

/** How many of the latest rounds in a row satisfy `holds`. */
function latestRounds(
  window: readonly (readonly VantageObservation[])[],
  holds: (failing: number, reporting: number) => boolean,
): number {
  const last = window.findLastIndex((round) => !holds(round.filter((o) => o.outcome === "down").length, round.length));
  return window.length - 1 - last;
}

/** Rounds of results confirmation looks at together: the escalation's 2K. */
export function evidenceWindow(rounds: number): number {
  return ESCALATION_FACTOR * Math.max(1, rounds);
}

/** The round input from the latest rounds' observations, oldest first, the round being closed last. */
export function roundInput(window: readonly (readonly VantageObservation[])[], quorum: number): RoundInput {
  const current = window.at(-1) ?? [];
  return {
    verdict: roundVerdict(current, quorum),
    steadyMajority: steadyRounds(window, failingNeededForDown(current.length, quorum)),
    steadyFailing: steadyRounds(window, 1),
    quorumFailing: latestRounds(window, (failing) => failing >= Math.max(MIN_FAILING_FOR_DOWN, quorum)),
    nearlyAllFailing: latestRounds(
      window,
      (failing, reporting) => failing >= Math.max(reporting - 1, failingNeededForDown(reporting, quorum)),
    ),
  };
}

export interface ConfirmationStep {
  state: ConfirmationState;
  /** Set when the confirmed status changed in this round; `rounds` is how many rounds of evidence it rests on. */
  change: { from: ComponentStatus | null; to: ComponentStatus | null; rounds: number } | null;
}

/** Verdicts kept in the state: the flap window, and the escalation's 2K. */
export function historyLength(rounds: number): number {
  return Math.max(FLAP_WINDOW_ROUNDS, evidenceWindow(rounds));
}

/** Spells (two or more rounds in a row) at least `rank` bad within the flap window; a lone failed round is a blip, not a spell. */
export function spellsInFlapWindow(verdicts: readonly RoundVerdict[], rank: number): number {
  let spells = 0;
  let length = 0;
  for (const verdict of [...verdicts.slice(-FLAP_WINDOW_ROUNDS), "up" as const]) {
    if (VERDICT_RANK[verdict] >= rank) length++;
    else {
      if (length >= 2) spells++;
      length = 0;
    }
  }
  return spells;
}

function rankOf(status: ComponentStatus | null): number {
  return status === null ? -1 : Math.max(0, STATUS_BY_RANK.indexOf(status));
}

/**
 * Down rounds a major outage needs, `shortBy` rounds early: K when nearly
 * every vantage failed in each of them after a clean start; otherwise 2K.
 */
function majorRoundsNeeded(recent: readonly RoundVerdict[], round: RoundInput, k: number, shortBy: number): number {
  const before = recent.slice(-FLAP_WINDOW_ROUNDS, -(k - shortBy));
  const quick = round.nearlyAllFailing >= k - shortBy && spellsInFlapWindow(before, PARTIAL) === 0;
  return (quick ? k : ESCALATION_FACTOR * k) - shortBy;
}

/** The worst level the last K (or K−1) rounds let the status rise to. */
function sustainedWorse(
  recent: readonly RoundVerdict[],
  round: RoundInput,
  k: number,
  shortBy: number,
): { rank: number; rounds: number } {
  let rank = Math.min(...recent.slice(-(k - shortBy)).map((v) => VERDICT_RANK[v]));
  const needed = majorRoundsNeeded(recent, round, k, shortBy);
  if (rank === MAJOR) {
    const steady =
      round.steadyMajority >= needed && recent.length >= needed && recent.slice(-needed).every((v) => v === "down");
    if (!steady || spellsInFlapWindow(recent, MAJOR) >= FLAP_SPELLS) rank = PARTIAL;
  }
  // Lone failures that move from vantage to vantage confirm nothing: they are the error budget's business.
  if (rank >= PARTIAL && round.steadyFailing < k - shortBy && round.quorumFailing < k - shortBy) rank = 0;
  return { rank, rounds: rank === MAJOR ? needed + shortBy : k };
}

/**
 * The status the evidence moves to, or null to stay. When the last K−1 rounds
 * already point one level further, it waits a round for that level rather
 * than stopping on the way (one change, not two).
 */
function nextStatus(
  current: number,
  recent: readonly RoundVerdict[],
  round: RoundInput,
  k: number,
): { rank: number; rounds: number } | null {
  const worse = sustainedWorse(recent, round, k, 0);
  if (worse.rank > current) return k > 1 && sustainedWorse(recent, round, k, 1).rank > worse.rank ? null : worse;
  const ranks = recent.slice(-k).map((v) => VERDICT_RANK[v]);
  const better = Math.max(...ranks);
  if (better >= current || (k > 1 && Math.max(...ranks.slice(1)) < better)) return null;
  // Flap damping: while failing spells keep coming back, a partial outage holds.
  const rank = Math.max(better, spellsInFlapWindow(recent, PARTIAL) >= FLAP_SPELLS ? PARTIAL : 0);
  return rank < current ? { rank, rounds: k } : null;
}

/** Folds one round into the state. From no evidence, a good round is evidence enough to show operational; a bad one is not. */
export function confirmRound(state: ConfirmationState, round: RoundInput, rounds: number): ConfirmationStep {
  const k = Math.max(1, rounds);
  if (round.verdict === null) {
    const silentRounds = state.silentRounds + 1;
    if (state.confirmed !== null && silentRounds >= SILENT_ROUNDS_UNTIL_UNKNOWN) {
      return {
        state: { confirmed: null, recent: [], silentRounds },
        change: { from: state.confirmed, to: null, rounds: silentRounds },
      };
    }
    return { state: { ...state, silentRounds }, change: null };
  }

  const recent = [...state.recent, round.verdict].slice(-historyLength(k));
  let next: { rank: number; rounds: number } | null = null;
  if (state.confirmed === null && round.verdict === "up") next = { rank: 0, rounds: 1 };
  else if (recent.length >= k) next = nextStatus(rankOf(state.confirmed), recent, round, k);

  const confirmed = next ? STATUS_BY_RANK[next.rank]! : state.confirmed;
  const change =
    next && confirmed !== state.confirmed ? { from: state.confirmed, to: confirmed, rounds: next.rounds } : null;
  return { state: { confirmed, recent, silentRounds: 0 }, change };
}

/** A ComponentRegion with several probes shows the worst confirmed one; unknown only if all are. */
export function componentRegionProbeStatus(probeStatuses: readonly (ComponentStatus | null)[]): ComponentStatus | null {
  return worstStatus(probeStatuses.filter((s): s is ComponentStatus => s !== null));
}

/** Start of the round that contains `at`; rounds are aligned to the epoch. */
export function roundStart(at: Date, intervalSeconds: number): Date {
  const ms = intervalSeconds * 1000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}
