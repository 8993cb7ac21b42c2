// A correction to an issued month: a new revision with its reason, who made
// it and which figures changed. Refused when nothing changed.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { RestateStatementInput } from "./contract-input.ts";
import type { StatementRevisionSummary } from "./types.ts";

export async function restateStatement(_db: Db, _actor: Actor, _input: RestateStatementInput, _options: { now?: Date } = {}): Promise<StatementRevisionSummary> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}
