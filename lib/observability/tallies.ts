// What this process itself does, counted on the hot path for /metrics:
// requests by route and status, snapshot hits and misses, render times and
// ingested results. Plain numbers in maps — an increment is one Map update —
// turned into Prometheus metrics only when scraped (metrics.ts). Kept on
// globalThis because the web server and Next's route handlers may load this
// module twice in one process; they must count into the same figures.

/** Counts by a label key; labels are joined with LABEL_SEPARATOR. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
}

export const LABEL_SEPARATOR = "\u0000";

/** Render durations waiting for the next scrape (which feeds them to a histogram); bounded. */
export class Observations {
  private pending: { key: string; seconds: number }[] = [];
  dropped = 0;
  constructor(private readonly max = 10_000) {}
  record(key: string, seconds: number): void {
    if (this.pending.length >= this.max) this.dropped += 1;
    else this.pending.push({ key, seconds });
  }
  drain(): { key: string; seconds: number }[] {
    const drained = this.pending;
    this.pending = [];
    return drained;
  }
}

export interface ProcessTallies {
  /** route, method, status */
  httpRequests: Tally;
  /** route, "hit" | "miss" */
  snapshotLookups: Tally;
  /** route, "ok" | "failed" */
  snapshotRenders: Observations;
  /** "accepted" | "duplicate" */
  ingestedResults: Tally;
  /** "sent" | "failed": mail a reader waits for, sent straight to SMTP by this process. */
  directMails?: Tally;
}

const KEY = Symbol.for("bellwether.observability.tallies");

const holder = globalThis as Record<symbol, ProcessTallies | undefined>;
holder[KEY] ??= {
  httpRequests: new Tally(),
  snapshotLookups: new Tally(),
  snapshotRenders: new Observations(),
  ingestedResults: new Tally(),
};
holder[KEY].directMails ??= new Tally();
export const tallies: ProcessTallies = holder[KEY];

/** A snapshot served from memory (hit), or one a reader had to wait for a render of (miss). */
export function countSnapshotLookup(route: string, hit: boolean): void {
  tallies.snapshotLookups.add(`${route}${LABEL_SEPARATOR}${hit ? "hit" : "miss"}`);
}

export function recordSnapshotRender(route: string, milliseconds: number, ok: boolean): void {
  tallies.snapshotRenders.record(`${route}${LABEL_SEPARATOR}${ok ? "ok" : "failed"}`, milliseconds / 1000);
}

/** Runs one direct send (a sign-in link, a subscription confirmation) and counts how it went. */
export async function countDirectMail<T>(send: () => Promise<T>): Promise<T> {
  try {
    const result = await send();
    tallies.directMails!.add("sent");
    return result;
  } catch (error) {
    tallies.directMails!.add("failed");
    throw error;
  }
}

export function countIngestedResults(accepted: number, duplicates: number): void {
  if (accepted > 0) tallies.ingestedResults.add("accepted", accepted);
  if (duplicates > 0) tallies.ingestedResults.add("duplicate", duplicates);
}
