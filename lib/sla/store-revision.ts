// Writing one immutable revision of a contract-month: JSON (canonical), CSV
// and PDF rendered once, the SHA-256 of the JSON bytes, and one mail per
// recipient with both files — all in the caller's transaction, so a revision
// never exists without its mail and a mail never goes out for a rolled-back one.
import { createHash } from "node:crypto";
import { slaStatementEmail } from "../../emails/sla-statement.ts";
import type { Prisma } from "../db.ts";
import { formatMonth } from "../domain/time-display.ts";
import { enqueueStaffMail } from "../mail/staff-mail.ts";
import { SITE_NAME } from "../mail/settings.ts";
import { statementCsv } from "./statement-csv.ts";
import { statementJson } from "./statement-json.ts";
import {
  formatMinutes,
  formatMoney,
  formatPercent,
  formatPlainPercent,
  statementFilename,
} from "./statement-labels.ts";
import { statementPdf } from "./statement-pdf.ts";
import type { Statement } from "./types.ts";

type Tx = Prisma.TransactionClient;

export const PDF_TYPE = "application/pdf";
export const CSV_TYPE = "text/csv; charset=utf-8";
export const JSON_TYPE = "application/json; charset=utf-8";

export function sha256Hex(bytes: string | Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Two issuers of one contract-month (two workers, a restatement racing the job) take turns. */
export async function lockContractMonth(tx: Tx, contractId: string, month: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sla-statement:${contractId}:${month}`}, 0))`;
}

export async function latestRevisionNumber(tx: Tx, contractId: string, month: string): Promise<number> {
  const latest = await tx.slaStatement.findFirst({
    where: { contractId, month },
    orderBy: { revision: "desc" },
    select: { revision: true },
  });
  return latest?.revision ?? 0;
}

export interface StoredRevision {
  statementId: string;
  revision: number;
  sha256: string;
  mails: number;
}

export interface RevisionOptions {
  createdById: string | null;
  siteUrl: string;
  /** Who receives it: the contract's recipients and its account manager. */
  recipients: readonly string[];
}

export async function storeRevision(tx: Tx, statement: Statement, options: RevisionOptions): Promise<StoredRevision> {
  const h = statement.header;
  const issuedAt = new Date(h.issuedAt!);
  const json = statementJson(statement);
  const sha256 = sha256Hex(json);
  const csv = statementCsv(statement);
  const pdf = await statementPdf(statement, { createdAt: issuedAt, sha256, siteUrl: options.siteUrl });
  const row = await tx.slaStatement.create({
    data: {
      contractId: h.contract.id,
      month: h.month,
      revision: h.revision!,
      figures: JSON.parse(json),
      json,
      csv,
      pdf: new Uint8Array(pdf),
      sha256,
      reason: statement.restatement?.reason ?? null,
      changes: statement.restatement ? JSON.parse(JSON.stringify(statement.restatement.changes)) : undefined,
      createdById: options.createdById,
      issuedAt,
    },
    select: { id: true },
  });
  const mails = await enqueueStatementMail(tx, row.id, statement, { csv, pdf }, options.recipients, issuedAt);
  return { statementId: row.id, revision: h.revision!, sha256, mails };
}

async function enqueueStatementMail(
  tx: Tx,
  statementId: string,
  statement: Statement,
  files: { csv: string; pdf: Buffer },
  recipients: readonly string[],
  now: Date,
): Promise<number> {
  const f = statement.figures;
  const h = statement.header;
  const email = slaStatementEmail({
    siteName: SITE_NAME,
    customerName: h.customer.name,
    contractName: h.contract.name,
    monthLabel: formatMonth(h.month),
    revision: h.revision!,
    availability: formatPercent(f.availabilityPercent),
    target: formatPlainPercent(h.targetPercent),
    met: f.met,
    credit:
      f.creditPercent > 0
        ? `${formatPlainPercent(f.creditPercent)} = ${formatMoney(f.creditAmount, f.currency)}`
        : "none",
    downtime: formatMinutes(f.downtimeMinutes),
    reason: statement.restatement?.reason ?? null,
    unknown: f.unknownMinutes > 0 ? formatMinutes(f.unknownMinutes) : null,
  });
  const attachments = [
    { filename: statementFilename(statement, "pdf"), contentType: PDF_TYPE, content: files.pdf },
    { filename: statementFilename(statement, "csv"), contentType: "text/csv", content: Buffer.from(files.csv, "utf8") },
  ];
  let queued = 0;
  for (const to of new Set(recipients.map((r) => r.trim().toLowerCase()).filter(Boolean))) {
    if (await enqueueStaffMail(tx, { dedupeKey: `sla-statement:${statementId}:${to}`, to, ...email, attachments }, now))
      queued++;
  }
  return queued;
}
