// Reading a statement: an issued month is served from its stored revision,
// byte for byte, never recomputed; an open month is computed now.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { computeStatement } from "./compute-statement.ts";
import { contractNotFound } from "./get-contract.ts";
import { parseStatementMonth } from "./month.ts";
import { statementCsv } from "./statement-csv.ts";
import { statementJson } from "./statement-json.ts";
import { statementFilename } from "./statement-labels.ts";
import { statementPdf } from "./statement-pdf.ts";
import { CSV_TYPE, JSON_TYPE, PDF_TYPE } from "./store-revision.ts";
import type {
  FigureChange,
  Statement,
  StatementFile,
  StatementFormat,
  StatementRevisionSummary,
  StatementView,
} from "./types.ts";

export interface StoredStatementRevision extends StatementRevisionSummary {
  contractId: string;
  month: string;
  statement: Statement;
  json: string;
  csv: string;
  pdf: Buffer;
}

const SUMMARY_SELECT = {
  id: true,
  revision: true,
  issuedAt: true,
  sha256: true,
  reason: true,
  changes: true,
  createdBy: { select: { email: true } },
} as const;

type SummaryRow = {
  id: string;
  revision: number;
  issuedAt: Date;
  sha256: string;
  reason: string | null;
  changes: unknown;
  createdBy: { email: string } | null;
};

function summaryOf(row: SummaryRow): StatementRevisionSummary {
  return {
    id: row.id,
    revision: row.revision,
    issuedAt: row.issuedAt.toISOString(),
    sha256: row.sha256,
    reason: row.reason,
    createdBy: row.createdBy?.email ?? null,
    changes: (row.changes as FigureChange[] | null) ?? [],
  };
}

export async function listStatementRevisions(
  db: Db,
  contractId: string,
  month: string,
): Promise<StatementRevisionSummary[]> {
  const rows = await db.slaStatement.findMany({
    where: { contractId, month: parseStatementMonth(month) },
    orderBy: { revision: "asc" },
    select: SUMMARY_SELECT,
  });
  return rows.map(summaryOf);
}

/** One stored revision (the latest when `revision` is omitted), or null when the month is not issued. NOT_FOUND for an unknown revision of an issued month. */
export async function getStatementRevision(
  db: Db,
  contractId: string,
  month: string,
  revision?: number,
): Promise<StoredStatementRevision | null> {
  const m = parseStatementMonth(month);
  const row = await db.slaStatement.findFirst({
    where: { contractId, month: m, ...(revision === undefined ? {} : { revision }) },
    orderBy: { revision: "desc" },
    select: { ...SUMMARY_SELECT, json: true, csv: true, pdf: true, figures: true },
  });
  if (!row) {
    if (revision !== undefined && (await db.slaStatement.count({ where: { contractId, month: m } })) > 0) {
      throw new AppError("NOT_FOUND", `${m} has no revision ${revision}.`);
    }
    return null;
  }
  return {
    ...summaryOf(row),
    contractId,
    month: m,
    statement: row.figures as unknown as Statement,
    json: row.json,
    csv: row.csv,
    pdf: Buffer.from(row.pdf),
  };
}

async function assertContract(db: Db, contractId: string): Promise<void> {
  if (!(await db.contract.findUnique({ where: { id: contractId }, select: { id: true } }))) throw contractNotFound();
}

/** The latest revision when issued (or `revision`), else the provisional figures computed now. */
export async function getStatement(
  db: Db,
  contractId: string,
  month: string,
  now: Date,
  options: { revision?: number } = {},
): Promise<StatementView> {
  await assertContract(db, contractId);
  const stored = await getStatementRevision(db, contractId, month, options.revision);
  if (stored)
    return {
      statement: stored.statement,
      sha256: stored.sha256,
      revisions: await listStatementRevisions(db, contractId, month),
    };
  if (options.revision !== undefined)
    throw new AppError(
      "NOT_FOUND",
      `${parseStatementMonth(month)} is not issued yet: it has no revision ${options.revision}.`,
    );
  return { statement: await computeStatement(db, contractId, month, now), sha256: null, revisions: [] };
}

const CONTENT_TYPE: Readonly<Record<StatementFormat, string>> = { json: JSON_TYPE, csv: CSV_TYPE, pdf: PDF_TYPE };

/** A download: stored bytes for issued months, rendered now for provisional ones. */
export async function getStatementFile(
  db: Db,
  contractId: string,
  month: string,
  format: StatementFormat,
  now: Date,
  options: { revision?: number } = {},
): Promise<StatementFile> {
  await assertContract(db, contractId);
  const stored = await getStatementRevision(db, contractId, month, options.revision);
  if (stored) {
    const body =
      format === "json"
        ? Buffer.from(stored.json, "utf8")
        : format === "csv"
          ? Buffer.from(stored.csv, "utf8")
          : stored.pdf;
    return {
      body,
      contentType: CONTENT_TYPE[format],
      filename: statementFilename(stored.statement, format),
      sha256: stored.sha256,
      state: "issued",
      revision: stored.revision,
    };
  }
  if (options.revision !== undefined)
    throw new AppError(
      "NOT_FOUND",
      `${parseStatementMonth(month)} is not issued yet: it has no revision ${options.revision}.`,
    );
  const statement = await computeStatement(db, contractId, month, now);
  const body =
    format === "json"
      ? Buffer.from(statementJson(statement), "utf8")
      : format === "csv"
        ? Buffer.from(statementCsv(statement), "utf8")
        : await statementPdf(statement, { createdAt: now });
  return {
    body,
    contentType: CONTENT_TYPE[format],
    filename: statementFilename(statement, format),
    sha256: null,
    state: "provisional",
    revision: null,
  };
}
