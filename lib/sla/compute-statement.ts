// A contract's month, computed now from the confirmed status history.
import type { Db, Prisma } from "../db.ts";
import { buildStatement } from "./build-statement.ts";
import { loadContractMonth } from "./load-contract.ts";
import type { Statement } from "./types.ts";

/**
 * The provisional statement of `month` (YYYY-MM) as of `now`: an open month is measured up to
 * `now`. NOT_FOUND for an unknown contract; BAD_REQUEST naming "month" for a malformed month,
 * one that has not started, or one outside the contract's term.
 */
export async function computeStatement(
  db: Db | Prisma.TransactionClient,
  contractId: string,
  month: string,
  now: Date,
): Promise<Statement> {
  const input = await loadContractMonth(db, contractId, month, now);
  return buildStatement(input, {
    computedAt: now,
    state: "provisional",
    revision: null,
    issuedAt: null,
    restatement: null,
  });
}
