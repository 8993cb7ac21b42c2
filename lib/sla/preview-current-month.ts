// The edit page's preview: the current month so far, and how much of its
// error budget is left, so an account manager can warn a customer in time.
import type { Db } from "../db.ts";
import { measurementMonth } from "../domain/sla.ts";
import { computeStatement } from "./compute-statement.ts";
import { getContract } from "./get-contract.ts";
import { monthOf } from "./month.ts";
import type { MonthPreview } from "./types.ts";

export async function previewCurrentMonth(db: Db, contractId: string, now: Date): Promise<MonthPreview> {
  const contract = await getContract(db, contractId);
  const month = monthOf(now);
  const statement = await computeStatement(db, contractId, month, now);
  const f = statement.figures;
  // The budget is the whole month's: minutes still to come count as measured until they turn out otherwise.
  const wholeMonth = measurementMonth(month, contract.monthRule).monthMinutes;
  const monthMeasured = Math.max(0, wholeMonth - f.excludedMinutes - f.unknownMinutes);
  const monthAllowed = Math.round(((100 - contract.targetPercent) / 100) * monthMeasured * 1000) / 1000;
  const left = Math.max(0, Math.round((monthAllowed - f.downtimeMinutes) * 1000) / 1000);
  return {
    month,
    figures: f,
    monthAllowedDowntimeMinutes: monthAllowed,
    errorBudgetLeftMinutes: left,
    errorBudgetLeftPercent: monthAllowed > 0 ? Math.round((left / monthAllowed) * 10_000) / 100 : null,
    statement,
  };
}
