// npm run bench -- anomaly – seasonal early warning on a seeded replay
// (bench/anomaly-replay.ts): 8 weeks of seasonal check series for 54
// ComponentRegions, 50 latency ramps of 20–60 minutes on some, the rest
// clean, every minute after the first three weeks through the worker's own
// detection code. Median lead before the degraded line is crossed, recall and
// false alarms per ComponentRegion-week, each target with its verdict; the
// references in the same run are a static line (half the threshold) and
// last week's same hour × 1.5, with the same persistence.
import { BENCH_OPTIONS, DETECTORS, type DetectorName, medianOf, runReplay, TARGETS } from "./anomaly-replay.ts";
import { log, printSummary, timed, verdict } from "./report.ts";

const LABEL: Record<DetectorName, string> = {
  seasonal: "seasonal (median ± k·MAD, trend)",
  static: "static line at 500 ms",
  "last-week": "same hour last week × 1.5",
};

export async function run(): Promise<void> {
  const o = BENCH_OPTIONS;
  log(
    `${o.componentRegions} component-regions × ${o.weeks} weeks, ${o.degradations} latency ramps (20–60 min), seed ${o.seed}`,
  );
  const { result: f, elapsedMs } = await timed(() => runReplay(o));
  log(`degradations whose threshold was crossed (scored): ${f.scored} of ${f.degradations}`);
  log(`component-region-weeks scored: ${f.componentRegionWeeks.toFixed(1)}`);
  const rows: [string, string][] = [];
  for (const d of DETECTORS) {
    const x = f.detectors[d];
    const lead = medianOf(x.leadMinutes);
    const recall = x.detected / Math.max(1, f.scored);
    const falseAlarms = x.falseAlarms / f.componentRegionWeeks;
    log(
      `${LABEL[d].padEnd(34)} median lead ${lead.toFixed(1)} min · recall ${(recall * 100).toFixed(1)} % (${x.detected}/${f.scored}) · false alarms ${falseAlarms.toFixed(3)} per component-region-week (${x.falseAlarms})`,
    );
    if (d === "seasonal") {
      rows.push(
        [
          `median lead ≥ ${TARGETS.medianLeadMinutes} min`,
          `${lead.toFixed(1)} min — ${verdict(lead >= TARGETS.medianLeadMinutes)}`,
        ],
        [`recall ≥ ${TARGETS.recall * 100} %`, `${(recall * 100).toFixed(1)} % — ${verdict(recall >= TARGETS.recall)}`],
        [
          `false alarms ≤ ${TARGETS.falseAlarmsPerComponentRegionWeek} per component-region-week`,
          `${falseAlarms.toFixed(3)} — ${verdict(falseAlarms <= TARGETS.falseAlarmsPerComponentRegionWeek)}`,
        ],
      );
    } else {
      rows.push([
        `reference: ${LABEL[d]}`,
        `lead ${lead.toFixed(1)} min, recall ${(recall * 100).toFixed(1)} %, ${falseAlarms.toFixed(3)} false alarms/crw`,
      ]);
    }
  }
  const perEvaluation = (f.seasonalMs * 1000) / Math.max(1, f.seasonalEvaluations);
  rows.push([
    "cost of one evaluation (one metric, one minute)",
    `${perEvaluation.toFixed(1)} µs (${f.seasonalEvaluations.toLocaleString("en-US")} evaluations); whole replay ${(elapsedMs / 1000).toFixed(1)} s`,
  ]);
  printSummary("anomaly", rows);
}
