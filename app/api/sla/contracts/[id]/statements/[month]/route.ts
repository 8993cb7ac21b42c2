import { db } from "@/lib/db.ts";
import { handle } from "@/lib/http/handler.ts";
import { statementDownload } from "@/lib/sla/statement-download.ts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; month: string }> };

// GET /api/sla/contracts/:id/statements/:YYYY-MM.json|.csv|.pdf[?revision=n] – a contract's statement, for a console session with sla.read or a personal API token
export const GET = handle(async (request: Request, context: Context) =>
  statementDownload(db(), request, await context.params),
);
