// The blip suite: faults injected through the simulator's own fault model,
// checked by five vantages on the probe grid, each round folded through the
// real evaluator's pure fold (foldRounds, lib/domain/confirmation.ts) as the
// worker does it. Seeded: the same runs every time.
import {
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_QUORUM,
  historyLength,
  type RoundVerdict,
} from "../lib/domain/confirmation.ts";
import type { CheckOutcome, ComponentStatus } from "../lib/generated/prisma/enums.ts";
import { foldRounds, ROUND_GRACE_MS } from "../lib/monitoring/evaluate-rounds.ts";
import { DEMO_PROBE_INTERVAL_SECONDS, REGIONS } from "../lib/platform/catalog.ts";
import { classify, statusFailure } from "../probes/checks/classify.ts";
import { probeOffsetMs } from "../probes/schedule.ts";
import { createFault, type Fault, type FaultRequest, faultRequestSchema, respond } from "../simulator/faults.ts";
import { seededRandom } from "./random.ts";
import { samplePercentile } from "./report.ts";

/** The demo's probes: a 15 s interval, the schema's default K, quorum, timeout and degraded line. */
export const PROBE = {
  intervalSeconds: DEMO_PROBE_INTERVAL_SECONDS,
  confirmRounds: DEFAULT_CONFIRM_ROUNDS,
  quorum: DEFAULT_QUORUM,
  timeoutMs: 5000,
  degradedAboveMs: 1000,
};
const INTERVAL_MS = PROBE.intervalSeconds * 1000;
const VANTAGES = REGIONS.map((r) => r.key);
const TARGET = { component: "checkout", region: "us-central1.gcp" };
/** A round can be evaluated this long after it ends (the evaluator's grace plus the probe's timeout). */
export const EVALUATION_LAG_MS = PROBE.timeoutMs + ROUND_GRACE_MS;
/** Quiet rounds before each fault, so confirmation starts from a full, clean history. */
const WARM_UP_ROUNDS = historyLength(PROBE.confirmRounds) + PROBE.confirmRounds;
/** Rounds measured after the fault ends: long enough for flap damping to let go. */
const TAIL_ROUNDS = historyLength(PROBE.confirmRounds) + 2 * PROBE.confirmRounds;

/** A fault relative to the scenario's start, in seconds. */
type Step = Omit<FaultRequest, "forSeconds" | "region"> & { region?: string; fromSeconds: number; forSeconds: number };

export interface Scenario {
  key: string;
  title: string;
  minutes: number;
  /** The faults of one run; `pick` draws from the run's seeded random source. */
  faults(pick: () => number): Step[];
}

const whole = (mode: Step["mode"], minutes: number, extra: Partial<Step> = {}): Step => ({
  component: TARGET.component,
  mode,
  fromSeconds: 0,
  forSeconds: minutes * 60,
  ...extra,
});

export const SCENARIOS: readonly Scenario[] = [
  {
    key: "a",
    title: "(a) one vantage 100 % failing, 30 min",
    minutes: 30,
    faults: (pick) => [whole("down", 30, { vantage: VANTAGES[Math.floor(pick() * VANTAGES.length)]! })],
  },
  ...[10, 30, 50].map((percent) => ({
    key: `b${percent}`,
    title: `(b) every vantage ${percent} % errors, 30 min`,
    minutes: 30,
    faults: () => [whole("errors", 30, { percent })],
  })),
  {
    key: "c",
    title: "(c) random single failures 1 %, 24 h",
    minutes: 24 * 60,
    faults: () => [whole("errors", 24 * 60, { percent: 1 })],
  },
  {
    key: "d",
    title: "(d) flapping 1 min up / 1 min down, 1 h",
    minutes: 60,
    faults: () => Array.from({ length: 30 }, (_, i) => whole("down", 1, { fromSeconds: 60 + i * 120 })),
  },
  { key: "e", title: "(e) full outage, 10 min", minutes: 10, faults: () => [whole("down", 10)] },
];

export interface RunResult {
  /** Minutes at each confirmed status inside the measured window (the fault and its tail). */
  minutes: Record<ComponentStatus, number>;
  /** Status changes inside the window. */
  changes: number;
  /** Minutes of major outage after the first up/down cycle (scenario d: from its second down minute on). */
  majorAfterFirstCycle: number;
  /** From the fault's start until the evaluator could show a partial or major outage, or a major one. */
  alarmDelayMs: number | null;
  majorDelayMs: number | null;
}

const T0 = Date.UTC(2026, 0, 5);
const FLAP_CYCLE_MS = 120_000;

function outcomeOf(answer: { status: number; delayMs: number }): { outcome: CheckOutcome; error: string | null } {
  if (answer.delayMs > PROBE.timeoutMs) return { outcome: "down", error: `timed out after ${PROBE.timeoutMs} ms` };
  return classify({
    failure: statusFailure(answer.status, 200),
    latencyMs: answer.delayMs,
    degradedAboveMs: PROBE.degradedAboveMs,
  });
}

export interface CheckRow {
  probeId: string;
  vantageRegionId: string;
  checkedAt: Date;
  outcome: CheckOutcome;
  error: string | null;
}

/** Evaluates one closed round (its results, and every earlier round's, by round start) into status changes. */
export type RoundEvaluator = (
  results: Map<number, CheckRow[]>,
  start: Date,
) => { at: Date; to: ComponentStatus | null }[];

/** The product's rule: the evaluator's own fold, its state carried from round to round as ProbeState carries it. */
export function productEvaluator(probeId: string): RoundEvaluator {
  const probe = { id: probeId, componentRegionId: "cr", ...PROBE, state: null as null | StateRow };
  return (results, start) => {
    const folded = foldRounds(probe, [start], results, (id) => id);
    probe.state = {
      confirmedStatus: folded.state.confirmed,
      confirmedSince: folded.since,
      recentVerdicts: folded.state.recent,
      silentRounds: folded.state.silentRounds,
      lastRoundStart: start,
    };
    return folded.changes;
  };
}

/** One seeded run: checks round by round, each round evaluated as the worker would, then the status history measured. */
export function runScenario(
  scenario: Scenario,
  seed: number,
  evaluator: (probeId: string) => RoundEvaluator = productEvaluator,
): RunResult {
  const random = seededRandom(seed);
  const probeId = `blip-${scenario.key}-${seed}`;
  const faultStart = T0 + WARM_UP_ROUNDS * INTERVAL_MS + Math.floor(random() * INTERVAL_MS);
  const faults: Fault[] = scenario.faults(random).map(({ fromSeconds, ...step }, i) =>
    createFault(faultRequestSchema.parse({ region: TARGET.region, ...step }), {
      id: `f${i}`,
      now: new Date(faultStart + fromSeconds * 1000),
    }),
  );
  const windowEnd = faultStart + scenario.minutes * 60_000 + TAIL_ROUNDS * INTERVAL_MS;
  const offsets = VANTAGES.map((v) => probeOffsetMs(probeId, v, INTERVAL_MS));
  const evaluate = evaluator(probeId);
  const results = new Map<number, CheckRow[]>();
  const history: { at: number; shownAt: number; to: ComponentStatus | null }[] = [];

  for (let start = T0; start + INTERVAL_MS <= windowEnd; start += INTERVAL_MS) {
    results.set(
      start,
      VANTAGES.map((vantage, v) => {
        const checkedAt = new Date(start + offsets[v]!);
        const answer = respond({ ...TARGET, vantage, now: checkedAt, faults, random });
        return { probeId, vantageRegionId: vantage, checkedAt, ...outcomeOf(answer) };
      }),
    );
    for (const change of evaluate(results, new Date(start)))
      history.push({ at: change.at.getTime(), shownAt: start + INTERVAL_MS + EVALUATION_LAG_MS, to: change.to });
  }
  return measure(history, faultStart, windowEnd, scenario.key === "d" ? FLAP_CYCLE_MS + 60_000 : 0);
}

interface StateRow {
  confirmedStatus: ComponentStatus | null;
  confirmedSince: Date | null;
  recentVerdicts: RoundVerdict[];
  silentRounds: number;
  lastRoundStart: Date | null;
}

const EMPTY_MINUTES = (): Record<ComponentStatus, number> => ({
  operational: 0,
  degraded_performance: 0,
  partial_outage: 0,
  major_outage: 0,
  under_maintenance: 0,
});

/** Time at each status from the recorded history (`at`, as uptime and SLA read it); delays from when the page could show it. */
function measure(
  history: { at: number; shownAt: number; to: ComponentStatus | null }[],
  from: number,
  to: number,
  firstCycleMs: number,
): RunResult {
  const minutes = EMPTY_MINUTES();
  let majorAfterFirstCycle = 0;
  let current: ComponentStatus | null = null;
  let cursor = from;
  const addUntil = (until: number) => {
    const end = Math.min(Math.max(until, from), to);
    if (current && end > cursor) {
      minutes[current] += (end - cursor) / 60_000;
      if (current === "major_outage")
        majorAfterFirstCycle += Math.max(0, end - Math.max(cursor, from + firstCycleMs)) / 60_000;
    }
    cursor = Math.max(cursor, end);
  };
  for (const change of history) {
    addUntil(change.at);
    current = change.to;
  }
  addUntil(to);
  // Changes the page could show once the fault had begun (their recorded time may be the round it began in).
  const inWindow = history.filter((c) => c.shownAt > from && c.at < to);
  const alarm = inWindow.find((c) => c.to === "partial_outage" || c.to === "major_outage");
  const major = inWindow.find((c) => c.to === "major_outage");
  return {
    minutes,
    changes: inWindow.length,
    majorAfterFirstCycle,
    alarmDelayMs: alarm ? alarm.shownAt - from : null,
    majorDelayMs: major ? major.shownAt - from : null,
  };
}

export interface ScenarioFigures {
  scenario: Scenario;
  runs: number;
  /** Mean minutes per run at each status. */
  minutes: Record<ComponentStatus, number>;
  majorMinutesTotal: number;
  majorAfterFirstCycleTotal: number;
  runsWithMajor: number;
  changesMean: number;
  changesMax: number;
  /** The worst run's status changes per hour of fault. */
  changesPerHourMax: number;
  alarm: Delays;
  major: Delays;
}

export interface Delays {
  /** Runs in which it happened. */
  count: number;
  p50: number;
  p95: number;
  max: number;
}

function delays(samples: number[]): Delays {
  return {
    count: samples.length,
    p50: samplePercentile(samples, 50),
    p95: samplePercentile(samples, 95),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** Runs a scenario with seeds 1..runs. */
export function runFigures(
  scenario: Scenario,
  runs: number,
  evaluator?: (probeId: string) => RoundEvaluator,
): ScenarioFigures {
  const results = Array.from({ length: runs }, (_, i) => runScenario(scenario, i + 1, evaluator));
  const minutes = EMPTY_MINUTES();
  for (const r of results)
    for (const status of Object.keys(minutes) as ComponentStatus[]) minutes[status] += r.minutes[status] / runs;
  return {
    scenario,
    runs,
    minutes,
    majorMinutesTotal: results.reduce((n, r) => n + r.minutes.major_outage, 0),
    majorAfterFirstCycleTotal: results.reduce((n, r) => n + r.majorAfterFirstCycle, 0),
    runsWithMajor: results.filter((r) => r.minutes.major_outage > 0).length,
    changesMean: results.reduce((n, r) => n + r.changes, 0) / runs,
    changesMax: Math.max(...results.map((r) => r.changes)),
    changesPerHourMax: Math.max(...results.map((r) => r.changes)) / (scenario.minutes / 60),
    alarm: delays(results.flatMap((r) => (r.alarmDelayMs === null ? [] : [r.alarmDelayMs]))),
    major: delays(results.flatMap((r) => (r.majorDelayMs === null ? [] : [r.majorDelayMs]))),
  };
}

/** The targets, each with the figure it is judged on. */
export const NO_MAJOR_SCENARIOS = ["a", "b10", "b30", "c", "d"] as const;
export const MAX_FLAP_CHANGES_PER_HOUR = 4;
/** A full outage is confirmed major within two probe intervals plus K rounds: 75 s in the demo. */
export const MAJOR_WITHIN_MS = (2 + PROBE.confirmRounds) * INTERVAL_MS;

export interface TargetVerdict {
  target: string;
  figure: string;
  met: boolean;
}

export function targetVerdicts(figures: readonly ScenarioFigures[]): TargetVerdict[] {
  const of = (key: string) => figures.find((f) => f.scenario.key === key);
  const verdicts: TargetVerdict[] = [];
  for (const key of NO_MAJOR_SCENARIOS) {
    const f = of(key);
    if (f)
      verdicts.push({
        target: `${f.scenario.title}: 0 min major`,
        figure: `${f.majorMinutesTotal.toFixed(2)} min in ${f.runsWithMajor} of ${f.runs} runs`,
        met: f.majorMinutesTotal === 0,
      });
  }
  const d = of("d");
  if (d)
    verdicts.push({
      target: `(d) ≤ ${MAX_FLAP_CHANGES_PER_HOUR} status changes an hour`,
      figure: `worst run ${d.changesPerHourMax}, mean ${d.changesMean.toFixed(2)}`,
      met: d.changesPerHourMax <= MAX_FLAP_CHANGES_PER_HOUR,
    });
  const e = of("e");
  if (e) {
    const all = e.major.count === e.runs;
    verdicts.push({
      target: `(e) major within ${MAJOR_WITHIN_MS / 1000} s`,
      figure: `max ${(e.major.max / 1000).toFixed(1)} s, confirmed in ${e.major.count} of ${e.runs} runs`,
      met: all && e.major.max <= MAJOR_WITHIN_MS,
    });
  }
  return verdicts;
}
