// Records accepted messages as sent, grouped: while one commit runs, the next
// marks queue up and go in the following one, so a mark waits at most about
// two commits. `unrecorded` counts accepted messages whose mark is not
// committed yet — exactly what a crash now would make the next sender repeat.
import type { Db } from "../db.ts";
import type { SubscriberChannel } from "../generated/prisma/enums.ts";
import { markSent } from "./outbox.ts";
import { logError } from "../observability/log.ts";

export interface SentMark {
  id: string;
  messageId: string;
  sentAt: Date;
  channel: SubscriberChannel;
}

const RETRY_MS = 1_000;

export class SentMarks {
  private queue: SentMark[] = [];
  private flushing: Promise<void> | null = null;
  unrecorded = 0;

  constructor(
    private readonly db: Db,
    /** Called after each commit, with the marks it recorded. */
    private readonly onRecorded: (recorded: readonly SentMark[]) => void,
  ) {}

  add(mark: SentMark): void {
    this.unrecorded += 1;
    this.queue.push(mark);
    void this.flush();
  }

  /** Resolves when everything added so far is committed. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await markSent(this.db, batch);
        this.unrecorded -= batch.length;
        this.onRecorded(batch);
      } catch (error) {
        logError("recording sent notifications failed; retrying", error);
        this.queue = [...batch, ...this.queue];
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}
