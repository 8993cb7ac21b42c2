// Every ComponentRegion's error budget over the SLO window (the last 30 UTC
// days) from the day rollups, through the shared check-availability reader
// that keeps closed days in memory, with one entry per day for the burn-down.
import type { Db } from "../db.ts";
import { type CheckCounts, checkBurnDown, type ErrorBudget, errorBudget, sloWindow } from "../domain/slo.ts";
import { type BurnSubject, burnSubjectSelect, sloOf } from "./burn-subjects.ts";
import { checkAvailabilityReader } from "./check-availability.ts";

export interface ComponentRegionBudget {
  subject: BurnSubject;
  budget: ErrorBudget;
  /** Each UTC day of the window, oldest first. */
  days: CheckCounts[];
  /** Budget left after each day, starting at 1 before the first; empty without checks. */
  burnDown: number[];
  window: { from: Date; to: Date };
}

export async function readErrorBudgets(
  db: Db,
  now: Date,
  where: { componentKey: string; regionKey: string } | null = null,
): Promise<ComponentRegionBudget[]> {
  const window = sloWindow(now);
  const [subjects, availability] = await Promise.all([
    db.componentRegion.findMany({
      where: where ? { component: { key: where.componentKey }, region: { key: where.regionKey } } : {},
      select: burnSubjectSelect,
    }),
    checkAvailabilityReader(db).read(window, now),
  ]);
  return subjects.map((subject) => {
    const slo = sloOf(subject);
    const checks = availability.get(subject.id);
    const days = checks?.days ?? [];
    return {
      subject,
      budget: errorBudget(checks?.window ?? { good: 0, total: 0 }, slo),
      days,
      burnDown: checkBurnDown(days, slo),
      window,
    };
  });
}
