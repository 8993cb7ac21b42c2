// The worker's postmortem jobs: remind owners before an action item is due,
// and a weekly digest of overdue items to every engineer. Deterministic
// dedupe keys make two runs, or two workers, queue each mail once.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";

export interface JobResult {
  /** Mails newly queued; a repeat run queues none. */
  queued: number;
}

export async function sendActionItemReminders(db: Db, now: Date, options: { reminderDays?: number } = {}): Promise<JobResult> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}

export async function sendOverdueDigest(db: Db, now: Date): Promise<JobResult> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
