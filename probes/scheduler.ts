// Runs probes on their grid: one timer per probe, never two runs of the same
// probe at once (a run still going at its next slot skips that slot), and a
// semaphore capping concurrent checks so that measured latency stays honest.
import { nextSlot, probeOffsetMs } from "./schedule.ts";

export interface ScheduledProbe {
  id: string;
  intervalSeconds: number;
}

export interface SchedulerStats {
  runs: number;
  /** Slots skipped because the previous run of that probe was still going. */
  skipped: number;
  /** How late each run started after its slot, in ms (bounded sample). */
  lateness: number[];
}

const LATENESS_SAMPLE = 100_000;

export class Scheduler<P extends ScheduledProbe> {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly probes = new Map<string, P>();
  private readonly active = new Set<string>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();
  readonly stats: SchedulerStats = { runs: 0, skipped: 0, lateness: [] };

  constructor(
    private readonly vantage: string,
    private readonly run: (probe: P, slot: number) => Promise<void>,
    private readonly concurrency: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Replaces the probe set: new probes start at their next slot, removed ones stop. */
  setProbes(probes: readonly P[]): void {
    const next = new Map(probes.map((p) => [p.id, p]));
    for (const id of this.probes.keys()) {
      if (!next.has(id)) {
        clearTimeout(this.timers.get(id));
        this.timers.delete(id);
        this.probes.delete(id);
      }
    }
    for (const probe of probes) {
      const previous = this.probes.get(probe.id);
      this.probes.set(probe.id, probe);
      if (!previous || previous.intervalSeconds !== probe.intervalSeconds) this.arm(probe.id, this.clock());
    }
  }

  private arm(id: string, after: number): void {
    if (this.stopped) return;
    const probe = this.probes.get(id);
    if (!probe) return;
    const intervalMs = probe.intervalSeconds * 1000;
    const slot = nextSlot(after, intervalMs, probeOffsetMs(id, this.vantage, intervalMs));
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => this.fire(id, slot), Math.max(0, slot - this.clock())),
    );
  }

  private fire(id: string, slot: number): void {
    this.arm(id, slot);
    const probe = this.probes.get(id);
    if (!probe || this.stopped) return;
    if (this.active.has(id)) {
      this.stats.skipped += 1;
      return;
    }
    this.active.add(id);
    const task = this.acquire()
      .then(async () => {
        if (this.stopped) return;
        if (this.stats.lateness.length < LATENESS_SAMPLE) this.stats.lateness.push(this.clock() - slot);
        this.stats.runs += 1;
        await this.run(probe, slot);
      })
      .catch((error: unknown) => console.error(`[probes] ${id} failed to run`, error))
      .finally(() => {
        this.release();
        this.active.delete(id);
        this.inFlight.delete(task);
      });
    this.inFlight.add(task);
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  /** Stops scheduling and waits for the checks already running. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const resolve of this.waiting.splice(0)) resolve();
    await Promise.allSettled([...this.inFlight]);
  }
}
