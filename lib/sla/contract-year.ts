// A contract's year at a glance: 12 months with met/missed and credits.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { YearMonth } from "./types.ts";

export async function getContractYear(_db: Db, _contractId: string, _year: number, _now: Date): Promise<YearMonth[]> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}
