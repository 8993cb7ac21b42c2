// SLA statements' arithmetic: 100 contracts × 12 months over 1,000
// ComponentRegions with a year of status history, through contractDowntime
// (lib/domain/sla.ts), against the minute-by-minute recount as the reference.
import { isDeepStrictEqual } from "node:util";
import {
  type ContractDowntime,
  type ContractDowntimeInput,
  contractDowntime,
  measurementMonth,
} from "../lib/domain/sla.ts";
import { type StatementFigures, statementFigures } from "../lib/domain/sla-figures.ts";
import { recountContractDowntime } from "../lib/domain/sla-minute-recount.ts";
import { count, log, median, ms, printSummary, ratio, timed, verdict } from "./report.ts";
import { buildSlaData, MONTHS, type SlaBenchContract, type SlaBenchData } from "./sla-data.ts";
import { statementPdfBench } from "./sla-statement-pdf.ts";

const OPTIONS = { componentRegions: 1_000, contracts: 100, minCovered: 5, maxCovered: 40, maintenanceWindows: 120 };
const WARM_UP = 2;
const RUNS = 7;
const TARGET_MS = 2_000;
const PREMIUM_TIERS = [
  { belowPercent: 99.99, creditPercent: 10 },
  { belowPercent: 99.0, creditPercent: 25 },
  { belowPercent: 95.0, creditPercent: 50 },
];

/**
 * Further measurements on the same data, each adding rows to the summary — the place for
 * "one statement's PDF ≤ 300 ms" (the statements module registers it here).
 */
export interface SlaBenchExtra {
  label: string;
  measure(data: SlaBenchData, statements: readonly ContractStatements[]): Promise<[label: string, value: string][]>;
}
export const SLA_BENCH_EXTRAS: SlaBenchExtra[] = [statementPdfBench];

export interface ContractStatements {
  contract: SlaBenchContract;
  months: { month: string; input: ContractDowntimeInput; downtime: ContractDowntime }[];
}

type Compute = (input: ContractDowntimeInput) => ContractDowntime;

function monthInput(
  contract: SlaBenchContract,
  month: string,
  allowanceUsedMinutes: number | undefined,
): ContractDowntimeInput {
  const { window, monthMinutes } = measurementMonth(month, contract.monthRule);
  return {
    terms: contract.terms,
    window,
    monthMinutes,
    componentRegions: contract.componentRegions,
    maintenance: contract.maintenance,
    ...(allowanceUsedMinutes === undefined ? {} : { allowanceUsedMinutes }),
  };
}

type Month = ContractStatements["months"][number];

/**
 * A year view: the first month finds its allowance from the contract year's start, later ones carry
 * it on. `keep` picks what outlives the month: the timed runs keep the figures a year view shows.
 */
function yearOf<T>(
  contract: SlaBenchContract,
  compute: Compute,
  keep: (month: Month, figures: StatementFigures) => T,
): T[] {
  const kept: T[] = [];
  let carried: number | undefined;
  for (const month of MONTHS) {
    const input = monthInput(contract, month, carried);
    const downtime = compute(input);
    const figures = statementFigures(downtime, {
      slaTargetPercent: contract.slaTargetPercent,
      creditTiers: PREMIUM_TIERS,
      monthlyFee: 10_000,
    });
    kept.push(keep({ month, input, downtime }, figures));
    carried = downtime.allowance.usedAtEnd;
  }
  return kept;
}

function yearOfStatements(contract: SlaBenchContract, compute: Compute): ContractStatements {
  return { contract, months: yearOf(contract, compute, (month) => month) };
}

/** Every month on its own, as an issued statement is computed: each reads its contract year from its start. */
function standaloneMonths(contract: SlaBenchContract): ContractDowntime[] {
  return MONTHS.map((month) => contractDowntime(monthInput(contract, month, undefined)));
}

function repeat(runs: number, work: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times;
}

/** Statements whose figures differ between the sweep and the reference; the first one is described. */
function mismatches(
  sweep: readonly ContractStatements[],
  reference: readonly ContractStatements[],
): { count: number; first?: string } {
  let found = 0;
  let first: string | undefined;
  sweep.forEach((s, c) => {
    s.months.forEach((m, k) => {
      const r = reference[c]!.months[k]!;
      if (isDeepStrictEqual(m.downtime, r.downtime)) return;
      found++;
      first ??= `${s.contract.id} ${m.month}: sweep downtime ${m.downtime.downtimeMinutes}, reference ${r.downtime.downtimeMinutes}`;
    });
  });
  return { count: found, first };
}

export async function run(): Promise<void> {
  const started = performance.now();
  const { result: data, elapsedMs: buildMs } = await timed(() => buildSlaData(OPTIONS));
  const covered = data.contracts.reduce((sum, c) => sum + c.componentRegions.length, 0);
  const statementsCount = data.contracts.length * MONTHS.length;
  log(
    `data: ${count(data.componentRegionIds.length)} ComponentRegions, ${count(data.statusPoints)} status changes in ${MONTHS.length} months, ${data.maintenanceWindows} maintenance windows, ${data.contracts.length} contracts covering ${count(covered)} ComponentRegions (built in ${ms(buildMs)})`,
  );

  const yearViews = () => data.contracts.map((c) => yearOf(c, contractDowntime, (_, figures) => figures));
  repeat(WARM_UP, yearViews);
  const sweepMs = repeat(RUNS, yearViews);
  const sweep = data.contracts.map((c) => yearOfStatements(c, contractDowntime));
  log(
    `contractDowntime, ${count(statementsCount)} statements (year views): median ${ms(median(sweepMs))}, min ${ms(Math.min(...sweepMs))}, max ${ms(Math.max(...sweepMs))}`,
  );

  const standalone = () => data.contracts.map((c) => standaloneMonths(c).length);
  repeat(1, standalone);
  const standaloneMs = repeat(3, standalone);
  const alone = data.contracts.map(standaloneMonths);
  const chainAgrees = alone.every((months, c) =>
    months.every((m, k) => isDeepStrictEqual(m, sweep[c]!.months[k]!.downtime)),
  );
  log(
    `each month on its own (allowance read from the contract year's start): median ${ms(median(standaloneMs))}; equal to the year views: ${chainAgrees ? "yes" : "NO"}`,
  );

  log("reference: the minute-by-minute recount of the same statements …");
  const { result: reference, elapsedMs: referenceMs } = await timed(() =>
    data.contracts.map((c) => yearOfStatements(c, recountContractDowntime)),
  );
  const diff = mismatches(sweep, reference);
  const ok = diff.count === 0 && chainAgrees;
  log(
    `recount: ${ms(referenceMs)}; ${ok ? "every statement equal" : `MISMATCH in ${diff.count} statements, e.g. ${diff.first}`}`,
  );

  const extraRows: [string, string][] = [];
  for (const extra of SLA_BENCH_EXTRAS) {
    log(`${extra.label} …`);
    extraRows.push(...(await extra.measure(data, sweep)));
  }

  const best = median(sweepMs);
  const downtimeMonths = sweep.reduce(
    (sum, s) => sum + s.months.filter((m) => m.downtime.downtimeMinutes > 0).length,
    0,
  );
  printSummary("sla", [
    [
      "data",
      `${count(OPTIONS.componentRegions)} ComponentRegions, ${count(data.statusPoints)} status changes over ${MONTHS.length} months, ${data.maintenanceWindows} maintenance windows; ${data.contracts.length} contracts × ${OPTIONS.minCovered}–${OPTIONS.maxCovered} ComponentRegions (${count(covered)} in all)`,
    ],
    [
      "statements",
      `${count(statementsCount)} contract-months (${count(downtimeMonths)} with downtime), figures, per ComponentRegion, maintenance and daily rows`,
    ],
    [
      "contractDowntime",
      `median ${ms(best)} over ${RUNS} runs (${ms(best / statementsCount)} a statement: every result in full, then its figures; each year view keeps its 12 figures)`,
    ],
    [
      "  each month alone",
      `median ${ms(median(standaloneMs))} (every month re-reads its contract year for the allowance)`,
    ],
    ["minute recount", `${ms(referenceMs)} (reference, one run)`],
    ["ratio to reference", `the recount is ${ratio(referenceMs, best)} slower`],
    ["target", `≤ ${count(TARGET_MS)} ms for ${count(statementsCount)} statements: ${verdict(best <= TARGET_MS)}`],
    [
      "figures agree",
      ok
        ? `OK (${count(statementsCount)} statements equal to the recount, field by field)`
        : `MISMATCH (${diff.count} statements)`,
    ],
    ...extraRows,
    ["wall time", ms(performance.now() - started)],
  ]);
  if (!ok) throw new Error("sla: contractDowntime and the minute recount differ (MISMATCH)");
}
