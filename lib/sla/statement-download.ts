// GET /api/sla/contracts/{id}/statements/{YYYY-MM}.json|.csv|.pdf, as a
// function of (db, request, params) so that the route stays two lines and
// tests call it directly. Issued months are their stored bytes.
import { requireSessionOrToken } from "../api-tokens/require-reader.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { getStatementFile } from "./get-statement.ts";
import type { StatementFormat } from "./types.ts";

const FILE = /^(.*?)(?:\.(json|csv|pdf))?$/;

/** "2026-11.pdf" → month and format; a bare month is JSON. */
export function parseStatementFileName(segment: string): { month: string; format: StatementFormat } {
  const decoded = decodeURIComponent(segment);
  const dot = decoded.lastIndexOf(".");
  const extension = dot >= 0 ? decoded.slice(dot + 1) : "";
  if (dot >= 0 && !["json", "csv", "pdf"].includes(extension)) {
    throw new AppError("BAD_REQUEST", `Ask for .json, .csv or .pdf, not .${extension}.`, {
      fields: { format: ["Use .json, .csv or .pdf."] },
    });
  }
  const match = FILE.exec(decoded)!;
  return { month: match[1]!, format: (match[2] as StatementFormat | undefined) ?? "json" };
}

export function parseRevisionParam(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value))
    throw new AppError("BAD_REQUEST", "The revision must be a whole number from 1.", {
      fields: { revision: ["Use a whole number from 1."] },
    });
  return Number(value);
}

function contentDisposition(format: StatementFormat, filename: string): string {
  return `${format === "json" ? "inline" : "attachment"}; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`;
}

export async function statementDownload(
  client: Db,
  request: Request,
  params: { id: string; month: string },
  now = new Date(),
): Promise<Response> {
  await requireSessionOrToken(request, "sla.read", client, now);
  const { month, format } = parseStatementFileName(params.month);
  const revision = parseRevisionParam(new URL(request.url).searchParams.get("revision"));
  const file = await getStatementFile(client, decodeURIComponent(params.id), month, format, now, { revision });
  const headers = new Headers({
    "content-type": file.contentType,
    "content-disposition": contentDisposition(format, file.filename),
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "x-statement-state": file.state,
  });
  if (file.revision !== null) headers.set("x-statement-revision", String(file.revision));
  if (file.sha256) {
    headers.set("x-statement-sha256", file.sha256);
    if (format === "json") headers.set("etag", `"${file.sha256}"`);
  }
  return new Response(new Uint8Array(file.body), { status: 200, headers });
}
