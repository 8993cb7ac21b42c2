// Where a statement's page and its downloads live. Downloads go through the
// API route, which serves issued revisions byte for byte.
import type { StatementFormat } from "@/lib/sla/types.ts";

export const FORMATS: readonly StatementFormat[] = ["csv", "pdf", "json"];

export function statementPagePath(contractId: string, month: string, revision?: number): string {
  return `/admin/sla/contracts/${contractId}/${month}${revision ? `?revision=${revision}` : ""}`;
}

export function statementFilePath(
  contractId: string,
  month: string,
  format: StatementFormat,
  revision?: number,
): string {
  return `/api/sla/contracts/${encodeURIComponent(contractId)}/statements/${month}.${format}${revision ? `?revision=${revision}` : ""}`;
}
