// A contract's year at a glance: 12 months with met/missed and credits.
// Issued months come from their latest stored revision; open ones are computed.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { computeStatement } from "./compute-statement.ts";
import { getContract } from "./get-contract.ts";
import { monthStart } from "./month.ts";
import type { Statement, YearMonth } from "./types.ts";

function fromStatement(month: string, statement: Statement, revision: number | null): YearMonth {
  const f = statement.figures;
  return {
    month,
    state: statement.header.state,
    availabilityPercent: f.availabilityPercent,
    met: f.met,
    creditPercent: f.creditPercent,
    creditAmount: f.creditAmount,
    revision,
    restated: (revision ?? 0) > 1,
  };
}

function empty(month: string, state: YearMonth["state"]): YearMonth {
  return {
    month,
    state,
    availabilityPercent: null,
    met: null,
    creditPercent: 0,
    creditAmount: 0,
    revision: null,
    restated: false,
  };
}

export async function getContractYear(db: Db, contractId: string, year: number, now: Date): Promise<YearMonth[]> {
  if (!Number.isInteger(year) || year < 2000 || year > 2999)
    throw new AppError("BAD_REQUEST", "The year must be between 2000 and 2999.", {
      fields: { year: ["Choose a year between 2000 and 2999."] },
    });
  const contract = await getContract(db, contractId);
  const stored = await db.slaStatement.findMany({
    where: { contractId, month: { startsWith: `${year}-` } },
    orderBy: [{ month: "asc" }, { revision: "desc" }],
    distinct: ["month"],
    select: { month: true, revision: true, figures: true },
  });
  const latest = new Map(stored.map((s) => [s.month, s]));
  const months: YearMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, "0")}`;
    const issued = latest.get(month);
    if (issued) months.push(fromStatement(month, issued.figures as unknown as Statement, issued.revision));
    else if (monthStart(month) > now) months.push(empty(month, "future"));
    else if (month < contract.startsOn.slice(0, 7)) months.push(empty(month, "not_started"));
    else if (contract.endsOn && month > contract.endsOn.slice(0, 7)) months.push(empty(month, "ended"));
    else months.push(fromStatement(month, await computeStatement(db, contractId, month, now), null));
  }
  return months;
}
