// Confirmation: one failed check is not an outage. Each probe's rounds (one
// interval, one latest result per vantage) become a verdict; a status is
// confirmed only when K consecutive rounds sustain it, in both directions.
import type { CheckOutcome, ComponentStatus } from "../generated/prisma/enums.ts";
import { worstStatus } from "./status.ts";

/** Defaults for a probe's K and quorum; each probe may set its own. */
export const DEFAULT_CONFIRM_ROUNDS = 3;
export const DEFAULT_QUORUM = 2;
/** After this many rounds with no result from any vantage, the status becomes unknown. */
export const SILENT_ROUNDS_UNTIL_UNKNOWN = 3;

export type RoundVerdict = "up" | "degraded" | "partial" | "down";

/** Verdicts in rising severity, each with the status it sustains. */
const VERDICT_STATUS: Readonly<Record<RoundVerdict, ComponentStatus>> = {
  up: "operational",
  degraded: "degraded_performance",
  partial: "partial_outage",
  down: "major_outage",
};
const VERDICT_RANK: Readonly<Record<RoundVerdict, number>> = { up: 0, degraded: 1, partial: 2, down: 3 };
const BY_RANK: readonly RoundVerdict[] = ["up", "degraded", "partial", "down"];

export interface VantageObservation {
  vantage: string;
  outcome: CheckOutcome;
}

/**
 * A round is down only when at least `quorum` vantages saw it down; a
 * minority failing is at most a partial outage; slowness is degradation.
 */
export function roundVerdict(observations: readonly VantageObservation[], quorum: number): RoundVerdict | null {
  if (observations.length === 0) return null;
  const down = observations.filter((o) => o.outcome === "down").length;
  if (down >= Math.max(1, quorum)) return "down";
  if (down > 0) return "partial";
  if (observations.some((o) => o.outcome === "degraded")) return "degraded";
  return "up";
}

export interface ConfirmationState {
  /** The confirmed status; null until there is evidence, or after silence. */
  confirmed: ComponentStatus | null;
  /** The last K verdicts, oldest first. */
  recent: RoundVerdict[];
  silentRounds: number;
}

export const INITIAL_CONFIRMATION: ConfirmationState = { confirmed: null, recent: [], silentRounds: 0 };

export interface ConfirmationStep {
  state: ConfirmationState;
  /** Set when the confirmed status changed in this round. */
  change: { from: ComponentStatus | null; to: ComponentStatus | null } | null;
}

function rankOf(status: ComponentStatus | null): number {
  switch (status) {
    case "degraded_performance":
      return 1;
    case "partial_outage":
      return 2;
    case "major_outage":
      return 3;
    default:
      return 0;
  }
}

/**
 * Folds one round into the state. Worse needs K rounds all at least that bad;
 * better needs K rounds all at most that bad (hysteresis). From no evidence, a
 * good round is evidence enough to show operational; a bad one is not.
 */
export function confirmRound(state: ConfirmationState, verdict: RoundVerdict | null, rounds: number): ConfirmationStep {
  const k = Math.max(1, rounds);
  if (verdict === null) {
    const silentRounds = state.silentRounds + 1;
    if (state.confirmed !== null && silentRounds >= SILENT_ROUNDS_UNTIL_UNKNOWN) {
      return { state: { confirmed: null, recent: [], silentRounds }, change: { from: state.confirmed, to: null } };
    }
    return { state: { ...state, silentRounds }, change: null };
  }

  const recent = [...state.recent, verdict].slice(-k);
  let confirmed = state.confirmed;
  if (recent.length >= k) {
    const ranks = recent.map((v) => VERDICT_RANK[v]);
    const sustainedAtLeast = Math.min(...ranks);
    const sustainedAtMost = Math.max(...ranks);
    const current = rankOf(confirmed);
    if (confirmed === null || sustainedAtLeast > current) {
      confirmed = confirmed === null && verdict === "up" ? "operational" : VERDICT_STATUS[BY_RANK[sustainedAtLeast]!];
    } else if (sustainedAtMost < current) {
      confirmed = VERDICT_STATUS[BY_RANK[sustainedAtMost]!];
    }
  } else if (confirmed === null && verdict === "up") {
    confirmed = "operational";
  }

  const next = { confirmed, recent, silentRounds: 0 };
  return { state: next, change: confirmed === state.confirmed ? null : { from: state.confirmed, to: confirmed } };
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
