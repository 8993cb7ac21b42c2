// 90-day check-based availability and daily bars for 125 ComponentRegions,
// read from the day rollups, against recomputing the same figures from tens of
// millions of raw results (the reference). Both must give equal numbers.
import { createDb, type Db } from "../lib/db.ts";
import { bucketIndex, HISTOGRAM_SIZE } from "../lib/domain/latency-histogram.ts";
import type { ComponentStatus } from "../lib/domain/status.ts";
import { availabilityForWindow, dailyBars, type StatusPoint, type TimeWindow } from "../lib/domain/uptime.ts";
import { CheckAvailabilityReader } from "../lib/slo/check-availability.ts";
import { startBenchDatabase } from "./database.ts";
import { seededRandom } from "./random.ts";
import { count, log, median, ms, percent, printSummary, ratio, timed, verdict } from "./report.ts";
import { buildUptimeData, DAY_MS, DAYS } from "./uptime-data.ts";

const COMPONENT_REGIONS = 125;
const TARGET_ROWS = 30_000_000;
const VANTAGES = 5;
/** The first ~40 reads run at half speed while V8 and the driver warm up; a server lives past that. */
const ROLLUP_WARM_UP = 50;
const ROLLUP_RUNS = 30;
const RAW_RUNS = 2;
const DOMAIN_WARM_UP = 5;
const DOMAIN_RUNS = 20;
const TARGET_MS = 20;

interface Counts {
  good: number;
  total: number;
}

/** Per ComponentRegion: the window's counts and one entry per UTC day, oldest first. */
type Figures = Map<string, { window: Counts; days: Counts[] }>;

/** Counts of one ComponentRegion on one day; `day` counts from the window's first day. */
interface DayCounts {
  componentRegionId: string;
  day: number;
  good: number;
  total: number;
}

/** Pure: availability = (up + degraded) / total over the window and per day. */
function figuresFrom(rows: Iterable<DayCounts>, componentRegionIds: readonly string[]): Figures {
  const figures: Figures = new Map(
    componentRegionIds.map((id) => [
      id,
      { window: { good: 0, total: 0 }, days: Array.from({ length: DAYS }, () => ({ good: 0, total: 0 })) },
    ]),
  );
  for (const row of rows) {
    const entry = figures.get(row.componentRegionId);
    const day = entry?.days[row.day];
    if (!entry || !day) continue;
    day.good += row.good;
    day.total += row.total;
    entry.window.good += row.good;
    entry.window.total += row.total;
  }
  return figures;
}

/** The product's read (lib/slo/check-availability.ts), as Figures. */
async function fromReader(reader: CheckAvailabilityReader, window: TimeWindow): Promise<Figures> {
  return new Map([...(await reader.read(window))].map(([id, a]) => [id, { window: a.window, days: a.days }]));
}

/** The reference: the same figures recomputed from every raw result in the window. */
async function fromRawResults(db: Db, ids: readonly string[], window: TimeWindow): Promise<Figures> {
  const rows = await db.$queryRawUnsafe<{ componentRegionId: string; day: Date; good: number; total: number }[]>(
    `SELECT "componentRegionId", date_trunc('day', "checkedAt") AS day,
            count(*) FILTER (WHERE outcome <> 'down')::int AS good, count(*)::int AS total
       FROM "CheckResult" WHERE "checkedAt" >= $1::timestamp(3) AND "checkedAt" < $2::timestamp(3)
      GROUP BY 1, 2`,
    window.from.toISOString(),
    window.to.toISOString(),
  );
  const from = window.from.getTime();
  return figuresFrom(
    rows.map((r) => ({ ...r, day: Math.floor((r.day.getTime() - from) / DAY_MS) })),
    ids,
  );
}

/** Number of ComponentRegions and days whose counts differ. */
function differences(a: Figures, b: Figures): { componentRegions: number; days: number } {
  let componentRegions = 0;
  let days = 0;
  for (const [id, x] of a) {
    const y = b.get(id);
    const same = (p: Counts, q: Counts | undefined) => q !== undefined && p.good === q.good && p.total === q.total;
    if (!y || !same(x.window, y.window)) componentRegions++;
    days += x.days.filter((d, k) => !same(d, y?.days[k])).length;
  }
  return { componentRegions: componentRegions + [...b.keys()].filter((id) => !a.has(id)).length, days };
}

/** One rollup row's histogram and counts against lib's bucketIndex over its raw rows. */
async function histogramAgrees(db: Db, componentRegionId: string, day: Date): Promise<boolean> {
  const rollup = await db.rollupDay.findUnique({
    where: { componentRegionId_bucketStart: { componentRegionId, bucketStart: day } },
  });
  const raw = await db.checkResult.findMany({
    where: { componentRegionId, checkedAt: { gte: day, lt: new Date(day.getTime() + DAY_MS) } },
    select: { latencyMs: true, outcome: true },
  });
  const histogram = new Array<number>(HISTOGRAM_SIZE).fill(0);
  for (const r of raw) if (r.latencyMs !== null) histogram[bucketIndex(r.latencyMs)]! += 1;
  return (
    rollup !== null &&
    rollup.latencyHistogram.join() === histogram.join() &&
    rollup.downCount === raw.filter((r) => r.outcome === "down").length &&
    rollup.upCount + rollup.degradedCount + rollup.downCount === raw.length
  );
}

/** A status history per ComponentRegion: a change every ~6 h on average, two maintenances. */
function syntheticHistories(
  ids: readonly string[],
  window: TimeWindow,
): { history: StatusPoint[]; maintenance: TimeWindow[] }[] {
  const random = seededRandom(90);
  const statuses: [ComponentStatus | null, number][] = [
    ["operational", 0.84],
    ["degraded_performance", 0.07],
    ["partial_outage", 0.05],
    ["major_outage", 0.03],
    [null, 0.01],
  ];
  const pick = () => {
    const dice = random();
    let below = 0;
    for (const [status, weight] of statuses) {
      below += weight;
      if (dice < below) return status;
    }
    return "operational";
  };
  return ids.map(() => {
    const history: StatusPoint[] = [{ at: new Date(window.from.getTime() - DAY_MS), status: "operational" }];
    for (
      let t = window.from.getTime();
      t < window.to.getTime();
      t += Math.round(-Math.log(1 - random()) * 6 * 3_600_000)
    ) {
      history.push({ at: new Date(t), status: pick() });
    }
    const maintenance = [0.3, 0.7].map((f) => {
      const from = window.from.getTime() + Math.round(f * DAYS) * DAY_MS + 2 * 3_600_000;
      return { from: new Date(from), to: new Date(from + 2 * 3_600_000) };
    });
    return { history, maintenance };
  });
}

async function repeat(runs: number, work: () => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(work)).elapsedMs);
  return times;
}

export async function run(): Promise<void> {
  const started = performance.now();
  const database = await startBenchDatabase("uptime");
  try {
    const data = await buildUptimeData(database, {
      componentRegions: COMPONENT_REGIONS,
      targetRows: TARGET_ROWS,
      vantages: VANTAGES,
    });
    const buildMs = performance.now() - started;
    const ids = data.componentRegionIds;
    const { window } = data;
    const db = createDb(database.url, { max: 4 });
    try {
      log(
        `measuring: the rollup read cold (a new reader each time) and warm (closed days kept) ×${ROLLUP_RUNS} after ${ROLLUP_WARM_UP} warm-up reads, the raw recomputation ×${RAW_RUNS} …`,
      );
      const cold = await fromReader(new CheckAvailabilityReader(db), window);
      await repeat(ROLLUP_WARM_UP, () => fromReader(new CheckAvailabilityReader(db), window));
      const coldMs = await repeat(ROLLUP_RUNS, () => fromReader(new CheckAvailabilityReader(db), window));
      const reader = new CheckAvailabilityReader(db);
      await repeat(ROLLUP_WARM_UP, () => fromReader(reader, window));
      const warmMs = await repeat(ROLLUP_RUNS, () => fromReader(reader, window));
      const warm = await fromReader(reader, window);
      const rawMs: number[] = [];
      let raw: Figures = new Map();
      for (let i = 0; i < RAW_RUNS; i++) {
        const { result, elapsedMs } = await timed(() => fromRawResults(db, ids, window));
        raw = result;
        rawMs.push(elapsedMs);
      }

      const diffCold = differences(cold, raw);
      const diffWarm = differences(warm, raw);
      const sampleDay = new Date(window.from.getTime() + 45 * DAY_MS);
      const histogramOk = await histogramAgrees(db, ids[0]!, sampleDay);
      const mismatches = diffCold.componentRegions + diffCold.days + diffWarm.componentRegions + diffWarm.days;
      const ok = mismatches === 0 && raw.size === COMPONENT_REGIONS && histogramOk;
      const bars = [...raw.values()].reduce((sum, f) => sum + f.days.filter((d) => d.total > 0).length, 0);
      const lowest = Math.min(...[...raw.values()].map((f) => f.window.good / f.window.total));
      const best = median(warmMs);
      log(`rollups, warm (closed days in memory)  median ${ms(best)}  max ${ms(Math.max(...warmMs))}`);
      log(`rollups, cold (every day read)         median ${ms(median(coldMs))}  max ${ms(Math.max(...coldMs))}`);
      log(`raw results (reference)              ${rawMs.map(ms).join(", ")}`);
      log(
        `compared with raw: ${raw.size} availabilities and ${count(bars)} daily bars (lowest 90-day availability ${(100 * lowest).toFixed(3)} %), histogram of one day: ${ok ? "OK" : "MISMATCH"}`,
      );
      if (!ok) {
        log(
          `MISMATCH: cold ${diffCold.componentRegions} ComponentRegions / ${diffCold.days} days, warm ${diffWarm.componentRegions} / ${diffWarm.days}; histogram ${histogramOk ? "agrees" : "differs"}`,
        );
      }

      const histories = syntheticHistories(ids, window);
      const domain = () =>
        histories.map(({ history, maintenance }) => ({
          availability: availabilityForWindow(history, window, maintenance),
          bars: dailyBars(history, maintenance, { days: DAYS, end: window.to }),
        }));
      await repeat(DOMAIN_WARM_UP, domain);
      const domainMs = await repeat(DOMAIN_RUNS, domain);
      const points = histories.reduce((sum, h) => sum + h.history.length, 0);
      log(`lib/domain/uptime over ${count(points)} status points: median ${ms(median(domainMs))}`);

      const rawBest = Math.min(...rawMs);
      printSummary("uptime", [
        [
          "data",
          `${count(data.rawRows)} raw results, ${ids.length} ComponentRegions × ${VANTAGES} vantages, one per ${data.intervalSeconds} s, ${DAYS} days`,
        ],
        [
          "data built in",
          `${ms(buildMs)} (${data.timings.map((t) => `${t.label.split(":")[0]} ${ms(t.ms)}`).join(", ")})`,
        ],
        ["indexes not rebuilt", `${data.skippedIndexes.join(", ")} (no query here reads them)`],
        [
          "from day rollups",
          `median ${ms(best)} over ${ROLLUP_RUNS} runs, warm: a long-lived reader (ended days kept; revisions and the open day read)`,
        ],
        [
          "  cold",
          `median ${ms(median(coldMs))} (every one of the ${count(ids.length * DAYS)} ComponentRegion-days read: one query, a row per ComponentRegion with its days as arrays)`,
        ],
        ["from raw results", `best of ${RAW_RUNS} runs ${ms(rawBest)} (reference)`],
        [
          "ratio to reference",
          `raw is ${ratio(rawBest, best)} slower than the warm read (${percent(best, rawBest)} of its time) and ${ratio(rawBest, median(coldMs))} slower than the cold one`,
        ],
        [
          "target",
          `≤ ${TARGET_MS} ms from rollups: warm ${verdict(best <= TARGET_MS)}, cold ${verdict(median(coldMs) <= TARGET_MS)}`,
        ],
        [
          "figures agree",
          ok ? `OK (${ids.length} availabilities, ${count(bars)} daily bars, one day's histogram)` : "MISMATCH",
        ],
        [
          "lib dailyBars",
          `median ${ms(median(domainMs))} for ${ids.length} × (availabilityForWindow + ${DAYS}-day dailyBars), ${ratio(median(domainMs), best)} the rollup read`,
        ],
        ["wall time", ms(performance.now() - started)],
      ]);
      if (!ok) throw new Error("uptime: figures from rollups and from raw results differ (MISMATCH)");
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.stop();
  }
}
