// The agent's idea of the time, kept to the server's. Every answer from the
// server carries its clock (the HTTP Date header); when the agent's own clock
// is off by more than a few seconds, results are stamped with the server's
// time instead, and the agent says so once, so an outage is placed where it
// happened and not minutes away from the other vantages' view of it.

/** Below this the agent's clock is trusted (Date has whole seconds, and a round trip takes time). */
export const CLOCK_TOLERANCE_MS = 5_000;

export class ServerClock {
  /** Added to the local clock: the server's time minus ours. */
  offsetMs = 0;
  /** How far off offsetMs may be, from the round trip it was measured over. */
  private error = Number.POSITIVE_INFINITY;

  constructor(
    private readonly local: () => number,
    private readonly log: (line: string) => void,
  ) {}

  now(): number {
    return this.local() + this.offsetMs;
  }

  /** The local clock read just before a request went out; pass it back to observe() with the answer. */
  started(): number {
    return this.local();
  }

  /** Learns the offset from an answer's Date header; `sentAt` came from started(). */
  observe(dateHeader: string | null, sentAt: number): void {
    const server = dateHeader ? Date.parse(dateHeader) : Number.NaN;
    if (Number.isNaN(server)) return;
    const receivedAt = this.local();
    // The header drops milliseconds (the server's time was in [server, server + 1000)), and the server read its
    // clock somewhere in the round trip: the estimate is within half of each.
    const measured = Math.round(server + 500 - (sentAt + receivedAt) / 2);
    const error = (receivedAt - sentAt) / 2 + 500;
    if (Math.abs(measured) > CLOCK_TOLERANCE_MS) {
      if (this.offsetMs !== 0 && Math.abs(measured - this.offsetMs) <= CLOCK_TOLERANCE_MS) {
        // The same skew, seen through a quicker round trip: a finer estimate, nothing new to say.
        if (error < this.error) [this.offsetMs, this.error] = [measured, error];
        return;
      }
      [this.offsetMs, this.error] = [measured, error];
      this.log(
        `this agent's clock is ${describeSkew(measured)} the server's: results are stamped with the server's time (fix the host's clock, e.g. NTP)`,
      );
    } else if (this.offsetMs !== 0) {
      [this.offsetMs, this.error] = [0, Number.POSITIVE_INFINITY];
      this.log("this agent's clock agrees with the server's again: results are stamped with it");
    }
  }
}

function describeSkew(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const amount = seconds >= 120 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
  return `${amount} ${offsetMs > 0 ? "behind" : "ahead of"}`;
}
