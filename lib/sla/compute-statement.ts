// A contract's month, computed now from the confirmed status history.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Statement } from "./types.ts";

/** The provisional statement of `month` (YYYY-MM) as of `now`. BAD_REQUEST naming "month" for a bad, future or out-of-contract month. */
export async function computeStatement(_db: Db, _contractId: string, _month: string, _now: Date): Promise<Statement> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}
