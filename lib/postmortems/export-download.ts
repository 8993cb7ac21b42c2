// GET …/postmortems/:id/export?format=md|pdf&version=internal|public as a
// download: the query parsed here, the document from export-markdown.ts or
// export-pdf.ts (which check the permission), the response headers.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { parseInput } from "../parse-input.ts";
import { exportPostmortemMarkdown } from "./export-markdown.ts";
import { exportPostmortemPdf } from "./export-pdf.ts";

export const exportDownloadQuery = z.object({
  format: z.enum(["md", "pdf"], { error: "format is md or pdf." }).default("md"),
  version: z.enum(["internal", "public"], { error: "version is internal or public." }).default("internal"),
});

/** A header-safe file name: what the exporter named it, ASCII only. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 120) || "postmortem";
  return `attachment; filename="${ascii}"`;
}

export async function postmortemExportResponse(
  db: Db,
  actor: Actor,
  postmortemId: string,
  searchParams: URLSearchParams,
): Promise<Response> {
  const query = parseInput(exportDownloadQuery, {
    format: searchParams.get("format") ?? undefined,
    version: searchParams.get("version") ?? undefined,
  });
  const input = { postmortemId, variant: query.version };
  const headers = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };
  if (query.format === "pdf") {
    const { filename, pdf } = await exportPostmortemPdf(db, actor, input);
    return new Response(new Uint8Array(pdf), {
      headers: { ...headers, "content-type": "application/pdf", "content-disposition": attachment(filename) },
    });
  }
  const { filename, markdown } = await exportPostmortemMarkdown(db, actor, input);
  return new Response(markdown, {
    headers: {
      ...headers,
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": attachment(filename),
    },
  });
}
