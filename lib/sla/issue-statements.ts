// The cron job: every contract-month past its grace period is issued once,
// as revision 1, and mailed. Idempotent and safe in two workers at once: each
// month is issued under an advisory lock, re-checked inside it, and the
// unique (contract, month, revision) catches anything that slips past.
import { recordSystemAudit } from "../audit/record.ts";
import type { Db, Prisma } from "../db.ts";
import { getEnv } from "../env.ts";
import { buildStatement } from "./build-statement.ts";
import { loadContractMonth } from "./load-contract.ts";
import { closedContractMonths } from "./statement-schedule.ts";
import { latestRevisionNumber, lockContractMonth, storeRevision } from "./store-revision.ts";

export interface IssuedRevision {
  statementId: string;
  contractId: string;
  month: string;
  revision: number;
}

export interface IssueOptions {
  /** For absolute incident links in the PDF; defaults to PUBLIC_URL. */
  siteUrl?: string;
}

const ISSUE_TIMEOUT_MS = 120_000;

/** Who receives a contract's statements: its recipients and its account manager. */
export async function statementRecipients(tx: Prisma.TransactionClient, contractId: string): Promise<string[]> {
  const contract = await tx.contract.findUniqueOrThrow({
    where: { id: contractId },
    select: { recipients: true, accountManager: { select: { email: true, disabledAt: true } } },
  });
  const manager = contract.accountManager && !contract.accountManager.disabledAt ? [contract.accountManager.email] : [];
  return [...contract.recipients, ...manager];
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Issues one contract-month as revision 1; null when it already was (by this or another worker). */
export async function issueStatement(
  db: Db,
  contractId: string,
  month: string,
  now: Date,
  options: IssueOptions = {},
): Promise<IssuedRevision | null> {
  const siteUrl = options.siteUrl ?? getEnv().PUBLIC_URL;
  try {
    return await db.$transaction(
      async (tx) => {
        await lockContractMonth(tx, contractId, month);
        if ((await latestRevisionNumber(tx, contractId, month)) > 0) return null;
        const input = await loadContractMonth(tx, contractId, month, now);
        const statement = buildStatement(input, {
          computedAt: now,
          state: "issued",
          revision: 1,
          issuedAt: now,
          restatement: null,
        });
        const stored = await storeRevision(tx, statement, {
          createdById: null,
          siteUrl,
          recipients: await statementRecipients(tx, contractId),
        });
        await recordSystemAudit(tx, "sla-statements", {
          action: "sla_statement.issue",
          entityType: "SlaStatement",
          entityId: stored.statementId,
          after: {
            contractId,
            month,
            revision: 1,
            sha256: stored.sha256,
            figures: statement.figures,
            mails: stored.mails,
          },
        });
        return { statementId: stored.statementId, contractId, month, revision: 1 };
      },
      { timeout: ISSUE_TIMEOUT_MS },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Issues every closed, not yet issued month of every contract. */
export async function issueDueStatements(
  db: Db,
  now: Date,
  options: IssueOptions = {},
): Promise<{ issued: IssuedRevision[] }> {
  const [contracts, issued] = await Promise.all([
    db.contract.findMany({
      orderBy: { id: "asc" },
      select: { id: true, startsOn: true, endsOn: true, closeAfterDays: true },
    }),
    db.slaStatement.findMany({ where: { revision: 1 }, select: { contractId: true, month: true } }),
  ]);
  const done = new Set(issued.map((s) => `${s.contractId}:${s.month}`));
  const result: IssuedRevision[] = [];
  for (const contract of contracts) {
    const terms = {
      startsOn: contract.startsOn.toISOString().slice(0, 10),
      endsOn: contract.endsOn?.toISOString().slice(0, 10) ?? null,
      closeAfterDays: contract.closeAfterDays,
    };
    for (const month of closedContractMonths(terms, now)) {
      if (done.has(`${contract.id}:${month}`)) continue;
      const revision = await issueStatement(db, contract.id, month, now, options);
      if (revision) result.push(revision);
    }
  }
  return { issued: result };
}
