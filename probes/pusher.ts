// Sends buffered results to the server in order, acknowledging each batch
// only after the server answered 2xx; retries with backoff while it is away.
import { AGENT_BUFFERED_HEADER } from "../lib/monitoring/agent-config.ts";
import type { DiskBuffer } from "./buffer.ts";
import type { ServerClock } from "./server-clock.ts";

export const BATCH_SIZE = 500;
export const FLUSH_EVERY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export interface PushedResult {
  id: string;
}

export class Pusher<T extends PushedResult> {
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private flushing: Promise<void> | null = null;
  private stopped = false;
  private counted = { at: 0, pending: 0 };
  sent = 0;

  constructor(
    private readonly buffer: DiskBuffer<T>,
    private readonly server: string,
    private readonly token: string,
    private readonly log: (line: string) => void,
    /** Learns the server's time from each answer. */
    private readonly clock?: ServerClock,
  ) {}

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        this.timer = setTimeout(loop, this.backoffMs || FLUSH_EVERY_MS);
      });
    };
    loop();
  }

  /** Sends everything buffered, batch by batch, until empty or the server fails. */
  async flush(): Promise<void> {
    for (;;) {
      const batch = this.buffer.read(BATCH_SIZE);
      if (!batch) return;
      let response: Response;
      const sentAt = this.clock?.started() ?? 0;
      try {
        response = await fetch(new URL("/api/ingest/results", this.server), {
          method: "POST",
          headers: {
            authorization: `Bearer ${this.token}`,
            "content-type": "application/json",
            [AGENT_BUFFERED_HEADER]: String(this.bufferedAfter(batch.records.length)),
          },
          body: JSON.stringify({ results: batch.records }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        this.fail(`server unreachable (${(error as Error).message}); ${this.buffer.pending()} results kept on disk`);
        return;
      }
      this.clock?.observe(response.headers.get("date"), sentAt);
      if (response.ok) {
        this.buffer.ack(batch.end);
        this.sent += batch.records.length;
        if (this.backoffMs > 0) this.log("server reachable again; replaying buffered results");
        this.backoffMs = 0;
        continue;
      }
      const text = await response.text().catch(() => "");
      if (response.status === 400) {
        // The server can never accept this batch (e.g. a deleted probe): keep going.
        this.log(`server refused a batch of ${batch.records.length}: ${text.slice(0, 300)}`);
        this.buffer.ack(batch.end);
        continue;
      }
      this.fail(`server answered ${response.status}: ${text.slice(0, 200)}`);
      return;
    }
  }

  /**
   * Results left on disk after this batch, for the server's /metrics. A short
   * batch emptied the buffer; a full one means a backlog, counted (a read of
   * the buffer) at most every 10 s while it drains.
   */
  private bufferedAfter(batchSize: number): number {
    if (batchSize < BATCH_SIZE) return 0;
    if (Date.now() - this.counted.at >= 10_000) this.counted = { at: Date.now(), pending: this.buffer.pending() };
    this.counted.pending = Math.max(0, this.counted.pending - batchSize);
    return this.counted.pending;
  }

  private fail(reason: string): void {
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 1_000);
    this.log(`${reason}; retrying in ${this.backoffMs / 1000} s`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flushing;
  }
}
