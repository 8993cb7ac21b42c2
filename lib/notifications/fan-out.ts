// The outbox's fan-out: after an event commits (enqueue.ts), its Notification
// rows are written in chunks ordered by subscriber id, each chunk one
// statement (so one short transaction) that also moves the event's cursor. A crash between
// chunks leaves the cursor at the last committed chunk, so the next run
// neither skips nor repeats anyone; (eventId, subscriberId) is unique as a
// second guard. Any number of runners may work: an event being fanned out is
// row-locked (SKIP LOCKED), so two never write the same chunk.
import type { Db } from "../db.ts";
import { logError } from "../observability/log.ts";
import { enqueueChunk } from "./enqueue.ts";

export const FAN_OUT_DEFAULTS = {
  /** Subscribers per chunk: short enough that a transaction never holds long, big enough to keep up with senders. */
  chunkSize: 2_000,
  /** How often a runner looks for unfinished events. */
  pollMs: 250,
} as const;

export interface FanOutOptions {
  chunkSize?: number;
  /** Called after each committed chunk; tests inject a crash here. */
  afterChunk?: (eventId: string, chunk: number) => Promise<void> | void;
  /** Checked between chunks: a stopping runner leaves the rest to the next one. */
  stopping?: () => boolean;
}

/** Writes the rest of one event's outbox rows; returns how many it wrote (0 when done or held by another runner). */
export async function fanOutEvent(db: Db, eventId: string, options: FanOutOptions = {}): Promise<number> {
  const limit = options.chunkSize ?? FAN_OUT_DEFAULTS.chunkSize;
  let written = 0;
  for (let n = 1; ; n++) {
    const chunk = await enqueueChunk(db, eventId, limit);
    if (!chunk) return written;
    written += chunk.written;
    await options.afterChunk?.(eventId, n);
    if (chunk.done || options.stopping?.()) return written;
  }
}

/** Fans out every event not yet fanned out, oldest first; returns how many rows it wrote. */
export async function fanOutPendingEvents(db: Db, options: FanOutOptions = {}): Promise<number> {
  const events = await db.notificationEvent.findMany({
    where: { fannedOutAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true },
    take: 100,
  });
  let written = 0;
  for (const event of events) {
    if (options.stopping?.()) break;
    written += await fanOutEvent(db, event.id, options);
  }
  return written;
}

export interface FanOutRunner {
  stop(): Promise<void>;
}

/** Fans out unfinished events at start (those a crash left behind) and then as they are written. */
export function startFanOut(db: Db, options: FanOutOptions & { pollMs?: number } = {}): FanOutRunner {
  const pollMs = options.pollMs ?? FAN_OUT_DEFAULTS.pollMs;
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        await fanOutPendingEvents(db, { ...options, stopping: () => stopped });
      } catch (error) {
        logError("fanning out notifications failed", error);
      }
      await new Promise<void>((resolve) => setTimeout(resolve, pollMs).unref());
    }
  };
  const running = run();
  return {
    async stop() {
      stopped = true;
      await running;
    },
  };
}
