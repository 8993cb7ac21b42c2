// A correction to an issued month: a new revision, computed now, with its
// reason, who made it and which figures changed. Refused when nothing changed.
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { getEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { buildStatement } from "./build-statement.ts";
import { type RestateStatementInput, restateStatementInput } from "./contract-input.ts";
import { contractNotFound } from "./get-contract.ts";
import { statementRecipients } from "./issue-statements.ts";
import { loadContractMonth } from "./load-contract.ts";
import { parseStatementMonth } from "./month.ts";
import { statementChanges } from "./statement-changes.ts";
import { lockContractMonth, storeRevision } from "./store-revision.ts";
import type { Statement, StatementRevisionSummary } from "./types.ts";

export async function restateStatement(
  db: Db,
  actor: Actor,
  input: RestateStatementInput,
  options: { now?: Date; siteUrl?: string } = {},
): Promise<StatementRevisionSummary> {
  if (!can(actor.role, "sla.manage"))
    throw new AppError("FORBIDDEN", "Only admins and account managers may restate statements.");
  const data = parseInput(restateStatementInput, input);
  const month = parseStatementMonth(data.month);
  const now = options.now ?? new Date();
  const siteUrl = options.siteUrl ?? getEnv().PUBLIC_URL;
  return db.$transaction(
    async (tx) => {
      await lockContractMonth(tx, data.contractId, month);
      const latest = await tx.slaStatement.findFirst({
        where: { contractId: data.contractId, month },
        orderBy: { revision: "desc" },
        select: { revision: true, figures: true, sha256: true },
      });
      if (!latest) {
        if (!(await tx.contract.findUnique({ where: { id: data.contractId }, select: { id: true } })))
          throw contractNotFound();
        throw new AppError(
          "INVALID_TRANSITION",
          `${month} is not issued yet: its provisional figures follow every correction by themselves.`,
        );
      }
      const revision = latest.revision + 1;
      const draft = buildStatement(await loadContractMonth(tx, data.contractId, month, now), {
        computedAt: now,
        state: "issued",
        revision,
        issuedAt: now,
        restatement: null,
      });
      const changes = statementChanges(latest.figures as unknown as Statement, draft);
      if (changes.length === 0) {
        throw new AppError(
          "INVALID_TRANSITION",
          `Nothing changed since revision ${latest.revision}: the figures computed now are the ones issued, so there is nothing to restate.`,
        );
      }
      const statement: Statement = { ...draft, restatement: { reason: data.reason, createdBy: actor.email, changes } };
      const stored = await storeRevision(tx, statement, {
        createdById: actor.id,
        siteUrl,
        recipients: await statementRecipients(tx, data.contractId),
      });
      await recordAudit(tx, actor, {
        action: "sla_statement.restate",
        entityType: "SlaStatement",
        entityId: stored.statementId,
        before: { contractId: data.contractId, month, revision: latest.revision, sha256: latest.sha256 },
        after: {
          contractId: data.contractId,
          month,
          revision,
          sha256: stored.sha256,
          reason: data.reason,
          changes,
          mails: stored.mails,
        },
      });
      return {
        id: stored.statementId,
        revision,
        issuedAt: now.toISOString(),
        sha256: stored.sha256,
        reason: data.reason,
        createdBy: actor.email,
        changes,
      };
    },
    { timeout: 120_000 },
  );
}
