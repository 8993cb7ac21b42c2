// Contract terms as stored (Decimal columns, a JSON tier list) turned into
// plain numbers. Tiers were validated on write; a hand-edited row that no
// longer parses is an error worth seeing, not a silent zero credit.
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { CreditTierView } from "./types.ts";

const storedTiers = z.array(z.object({ belowPercent: z.coerce.number(), creditPercent: z.coerce.number() }));

export function parseStoredCreditTiers(value: unknown): CreditTierView[] {
  const parsed = storedTiers.safeParse(value);
  if (!parsed.success)
    throw new AppError("INTERNAL", "A contract's stored credit tiers are not valid.", { cause: parsed.error });
  return parsed.data.map(({ belowPercent, creditPercent }) => ({ belowPercent, creditPercent }));
}
