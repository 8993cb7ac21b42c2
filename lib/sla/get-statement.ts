// Reading a statement: an issued month is served from its stored revision,
// byte for byte; an open month is computed now.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Statement, StatementFile, StatementFormat, StatementRevisionSummary, StatementView } from "./types.ts";

export interface StoredStatementRevision extends StatementRevisionSummary {
  contractId: string;
  month: string;
  statement: Statement;
  json: string;
  csv: string;
  pdf: Buffer;
}

/** The latest revision when issued (or `revision`), else the provisional figures. */
export async function getStatement(_db: Db, _contractId: string, _month: string, _now: Date, _options: { revision?: number } = {}): Promise<StatementView> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}

/** One stored revision (the latest when `revision` is omitted), or null when the month is not issued. */
export async function getStatementRevision(_db: Db, _contractId: string, _month: string, _revision?: number): Promise<StoredStatementRevision | null> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}

/** A download: stored bytes for issued months, rendered now for provisional ones. */
export async function getStatementFile(
  _db: Db,
  _contractId: string,
  _month: string,
  _format: StatementFormat,
  _now: Date,
  _options: { revision?: number } = {},
): Promise<StatementFile> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}
