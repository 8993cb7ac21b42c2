// Scheduler lateness at 2,000 checks/min: 1,000 probes every 30 s doing real
// HTTP checks against the simulator, compared with a bare setTimeout loop
// firing at the same rate on the same grid (the event loop's own jitter).
import { healthUrl, PRODUCTS } from "../lib/platform/catalog.ts";
import { type CheckDefinition, type CheckOutcome, runCheck } from "../probes/checks/index.ts";
import { nextSlot, probeOffsetMs } from "../probes/schedule.ts";
import { Scheduler } from "../probes/scheduler.ts";
import { startChildServer } from "./child.ts";
import { count, log, ms, printSummary, ratio, samplePercentile, verdict } from "./report.ts";

const PROBES = 1_000;
const INTERVAL_SECONDS = 30;
const CONCURRENCY = 100;
const WARM_UP_MS = 15_000;
const MEASURE_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const WINDOW_LEAD_MS = 100;
const VANTAGE = "bench.local";

const TARGET_P99_MS = 100;
const TARGET_MAX_MS = 1_000;

// Sub-millisecond clock for both sides: Date.now() would round most lateness to 0.
const clock = () => performance.timeOrigin + performance.now();
const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

interface BenchProbe {
  id: string;
  intervalSeconds: number;
  definition: CheckDefinition;
}

interface Lateness {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

function summarize(samples: readonly number[]): Lateness {
  return {
    p50: samplePercentile(samples, 50),
    p99: samplePercentile(samples, 99),
    max: Math.max(...samples),
    samples: samples.length,
  };
}

function formatLateness(l: Lateness): string {
  return `p50 ${ms(l.p50)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  (${count(l.samples)} samples)`;
}

function benchProbes(simulatorUrl: string): BenchProbe[] {
  const pairs = PRODUCTS.flatMap((p) => p.components).flatMap((c) =>
    c.regions.map((region) => healthUrl(simulatorUrl, region, c.key)),
  );
  return Array.from({ length: PROBES }, (_, i) => ({
    id: `bench-probe-${String(i).padStart(4, "0")}`,
    intervalSeconds: INTERVAL_SECONDS,
    definition: {
      kind: "http",
      target: pairs[i % pairs.length]!,
      method: "GET",
      headers: {},
      body: null,
      expectedStatus: 200,
      assertions: [],
      timeoutMs: 5000,
      degradedAboveMs: 1000,
      tlsWarnDays: 14,
    },
  }));
}

/** Slots of all probes that fall in [from, to): what a perfect scheduler runs. */
function slotsDue(ids: readonly string[], intervalMs: number, from: number, to: number): number {
  let due = 0;
  for (const id of ids) {
    for (
      let slot = nextSlot(from - 1, intervalMs, probeOffsetMs(id, VANTAGE, intervalMs));
      slot < to;
      slot += intervalMs
    )
      due++;
  }
  return due;
}

/** The reference: the same timers on the same grid, doing nothing when they fire. */
async function bareTimerLateness(ids: readonly string[], intervalMs: number, durationMs: number): Promise<number[]> {
  const samples: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const start = clock();
  const arm = (id: string, after: number) => {
    const slot = nextSlot(after, intervalMs, probeOffsetMs(id, VANTAGE, intervalMs));
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        samples.push(clock() - slot);
        arm(id, slot);
      },
      Math.max(0, slot - clock()),
    );
    timers.add(timer);
  };
  for (const id of ids) arm(id, start);
  await sleep(durationMs);
  for (const timer of timers) clearTimeout(timer);
  return samples;
}

export async function run(): Promise<void> {
  const simulator = await startChildServer("./simulator-process.ts");
  try {
    const probes = benchProbes(simulator.url);
    const intervalMs = INTERVAL_SECONDS * 1000;
    const ratePerMinute = (PROBES * 60) / INTERVAL_SECONDS;
    log(
      `${count(PROBES)} probes every ${INTERVAL_SECONDS} s = ${count(ratePerMinute)} checks/min, concurrency ${CONCURRENCY}, simulator ${simulator.url}`,
    );

    const outcomes: Record<CheckOutcome, number> = { up: 0, degraded: 0, down: 0 };
    const checkLatency: number[] = [];
    const lateness: number[] = [];
    const window = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY };
    const scheduler: Scheduler<BenchProbe> = new Scheduler<BenchProbe>(
      VANTAGE,
      async (probe, slot) => {
        const inWindow = slot >= window.from && slot < window.to;
        // The scheduler pushed this run's lateness just before calling us.
        if (inWindow) lateness.push(scheduler.stats.lateness.at(-1)!);
        const result = await runCheck(probe.definition);
        if (!inWindow) return;
        outcomes[result.outcome]++;
        if (result.latencyMs !== null) checkLatency.push(result.latencyMs);
      },
      CONCURRENCY,
      clock,
    );

    scheduler.setProbes(probes);
    log(`warming up for ${WARM_UP_MS / 1000} s, then measuring for ${MEASURE_MS / 1000} s …`);
    await sleep(WARM_UP_MS);
    const skippedBefore = scheduler.stats.skipped;
    // The window opens a little ahead: timers fire up to a millisecond early, so a
    // slot right at "now" may already have run before the window existed.
    window.from = clock() + WINDOW_LEAD_MS;
    window.to = window.from + MEASURE_MS;
    // Slots just before the window's end must still get their chance to run.
    await sleep(WINDOW_LEAD_MS + MEASURE_MS + STOP_GRACE_MS);
    const skipped = scheduler.stats.skipped - skippedBefore;
    await scheduler.stop();
    const ids = probes.map((p) => p.id);
    const due = slotsDue(ids, intervalMs, window.from, window.to);
    const ran = lateness.length;
    const missed = due - ran;
    const scheduled = summarize(lateness);
    log(`scheduler lateness   ${formatLateness(scheduled)}`);
    log(
      `checks in window     ${count(ran)} of ${count(due)} slots due; up ${count(outcomes.up)}, degraded ${count(outcomes.degraded)}, down ${count(outcomes.down)}`,
    );
    log(
      `check latency        p50 ${ms(samplePercentile(checkLatency, 50))}  p99 ${ms(samplePercentile(checkLatency, 99))}`,
    );

    log(`reference: bare setTimeout loop, same ${count(PROBES)} timers on the same grid, for ${MEASURE_MS / 1000} s …`);
    const reference = summarize(await bareTimerLateness(ids, intervalMs, MEASURE_MS));
    log(`bare timer lateness  ${formatLateness(reference)}`);

    printSummary("probes", [
      [
        "load",
        `${count(PROBES)} probes × ${INTERVAL_SECONDS} s = ${count(ratePerMinute)} checks/min, concurrency ${CONCURRENCY}, ${MEASURE_MS / 1000} s measured`,
      ],
      ["scheduler lateness", `p50 ${ms(scheduled.p50)}, p99 ${ms(scheduled.p99)}, max ${ms(scheduled.max)}`],
      ["bare setTimeout", `p50 ${ms(reference.p50)}, p99 ${ms(reference.p99)}, max ${ms(reference.max)}`],
      ["ratio to reference", `p99 ${ratio(scheduled.p99, reference.p99)}, max ${ratio(scheduled.max, reference.max)}`],
      ["note", "negative lateness = fired before its slot (libuv timers count whole ms on a cached clock)"],
      ["missed slots", `${count(missed)} (of ${count(due)} due; ${count(skipped)} skipped as still running)`],
      [
        "targets",
        `p99 ≤ ${TARGET_P99_MS} ms ${verdict(scheduled.p99 <= TARGET_P99_MS)}; max ≤ ${TARGET_MAX_MS} ms ${verdict(scheduled.max <= TARGET_MAX_MS)}; zero missed ${verdict(missed === 0 && skipped === 0)}`,
      ],
    ]);
  } finally {
    await simulator.child.stop();
  }
}
