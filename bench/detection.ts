// npm run bench -- detection – the blip suite (bench/detection-scenarios.ts):
// seeded faults through the simulator's fault model and the real confirmation
// code, the time at each level, status changes and detection delays, each
// target with its verdict. Reference in the same run: the rule this replaced
// (a round is down when 2 vantages fail; K such rounds confirm).
import type { ComponentStatus } from "../lib/generated/prisma/enums.ts";
import {
  type CheckRow,
  type Delays,
  PROBE,
  type RoundEvaluator,
  runFigures,
  SCENARIOS,
  type ScenarioFigures,
  targetVerdicts,
} from "./detection-scenarios.ts";
import { count, log, printSummary, timed, verdict } from "./report.ts";

const RUNS = 1000;
/** Scenario (c) is a day of checks per run. */
const DAY_RUNS = 40;

type Level = 0 | 1 | 2 | 3;
const STATUS: readonly ComponentStatus[] = ["operational", "degraded_performance", "partial_outage", "major_outage"];

/** The rule before this one: down when `quorum` vantages fail in a round, any level confirmed by K rounds all at least (or at most) that bad. */
function previousEvaluator(): RoundEvaluator {
  let confirmed: Level | null = null;
  const recent: Level[] = [];
  const k = PROBE.confirmRounds;
  return (results: Map<number, CheckRow[]>, start: Date) => {
    const rows = results.get(start.getTime()) ?? [];
    const down = rows.filter((r) => r.outcome === "down").length;
    const verdict: Level = down >= PROBE.quorum ? 3 : down > 0 ? 2 : rows.some((r) => r.outcome === "degraded") ? 1 : 0;
    recent.push(verdict);
    if (recent.length > k) recent.shift();
    let next = confirmed;
    if (confirmed === null && verdict === 0) next = 0;
    else if (recent.length === k && (confirmed === null || Math.min(...recent) > confirmed))
      next = Math.min(...recent) as Level;
    else if (recent.length === k && confirmed !== null && Math.max(...recent) < confirmed)
      next = Math.max(...recent) as Level;
    if (next === confirmed || next === null) return [];
    const rounds = confirmed === null && verdict === 0 ? 1 : k;
    confirmed = next;
    return [{ at: new Date(start.getTime() - (rounds - 1) * PROBE.intervalSeconds * 1000), to: STATUS[next]! }];
  };
}

const minutes = (value: number) => value.toFixed(value >= 100 ? 0 : 1).padStart(6);
const seconds = (ms: number) =>
  !Number.isFinite(ms) ? "—" : ms >= 600_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
const delays = (d: Delays, runs: number) =>
  d.count === 0 ? "never" : `${seconds(d.p50)} / ${seconds(d.p95)}${d.count < runs ? ` (${d.count} runs)` : ""}`;

function line(label: string, f: ScenarioFigures): string {
  const m = f.minutes;
  const levels = `${minutes(m.operational)} ${minutes(m.degraded_performance)} ${minutes(m.partial_outage)} ${minutes(m.major_outage)}`;
  const changes = `${f.changesMean.toFixed(1).padStart(5)} / ${String(f.changesMax).padEnd(3)}`;
  return `${label.padEnd(14)} ${levels}  ${String(f.runsWithMajor).padStart(10)}   ${changes}  ${delays(f.alarm, f.runs).padEnd(26)} ${delays(f.major, f.runs)}`;
}

export async function run(): Promise<void> {
  log(
    `${count(RUNS)} seeded runs per scenario (${DAY_RUNS} for the 24 h one); 5 vantages, ${PROBE.intervalSeconds} s interval, K = ${PROBE.confirmRounds}, quorum ${PROBE.quorum}`,
  );
  log(
    "minutes per run at each level (the recorded history); delays from the fault's start to when the page could show it",
  );
  log(
    `${"".padEnd(14)} ${"oper.".padStart(6)} ${"degr.".padStart(6)} ${"part.".padStart(6)} ${"major".padStart(6)}  major runs   changes mean/max  alarm p50 / p95            major p50 / p95`,
  );
  const figures: ScenarioFigures[] = [];
  const { elapsedMs } = await timed(() => {
    for (const scenario of SCENARIOS) {
      const runs = scenario.key === "c" ? DAY_RUNS : RUNS;
      const current = runFigures(scenario, runs);
      figures.push(current);
      console.log(`\n  ${scenario.title}`);
      log(line("this rule", current));
      log(line("previous rule", runFigures(scenario, runs, previousEvaluator)));
    }
  });
  const d = figures.find((f) => f.scenario.key === "d");
  const e = figures.find((f) => f.scenario.key === "e");
  printSummary("detection", [
    ...targetVerdicts(figures).map(({ target, figure, met }): [string, string] => [
      target,
      `${figure} — ${verdict(met)}`,
    ]),
    [
      "(d) major after its first down minute",
      `${(d?.majorAfterFirstCycleTotal ?? Number.NaN).toFixed(2)} min (the first is a real one-minute total outage)`,
    ],
    ["(e) major p50 / p95", e ? `${seconds(e.major.p50)} / ${seconds(e.major.p95)}` : "—"],
    ["time", `${(elapsedMs / 1000).toFixed(0)} s`],
  ]);
}
