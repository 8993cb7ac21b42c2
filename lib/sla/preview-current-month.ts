// The edit page's preview: the current month so far and the error budget left.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { MonthPreview } from "./types.ts";

export async function previewCurrentMonth(_db: Db, _contractId: string, _now: Date): Promise<MonthPreview> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}
