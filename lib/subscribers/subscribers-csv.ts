// GET /api/admin/subscribers/export – every subscriber as CSV (RFC 4180: CRLF,
// quoted where needed, cells a spreadsheet would run as a formula neutralised),
// with the addresses masked for whoever may not read them.
import { csvRow } from "../sla/statement-csv.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { allConsoleSubscribers } from "./console-subscribers.ts";

export const SUBSCRIBERS_CSV_COLUMNS = [
  "id",
  "channel",
  "address",
  "state",
  "scope",
  "tier1_only",
  "regions",
  "components",
  "incidents",
  "created_at",
  "confirmed_at",
  "unsubscribed_at",
  "suppressed_at",
  "suppress_reason",
  "sent",
  "pending",
  "failed",
  "bounced",
] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function subscribersCsv(db: Db, actor: Actor): Promise<string> {
  let out = csvRow(SUBSCRIBERS_CSV_COLUMNS);
  for await (const s of allConsoleSubscribers(db, actor)) {
    out += csvRow([
      s.id,
      s.channel,
      s.address,
      s.state,
      s.scope,
      s.tier1Only,
      s.regions.join(" "),
      s.components.join("; "),
      s.incidents.map((i) => i.title).join("; "),
      iso(s.createdAt),
      iso(s.confirmedAt),
      iso(s.unsubscribedAt),
      iso(s.suppressedAt),
      s.suppressReason,
      s.deliveries.sent,
      s.deliveries.pending,
      s.deliveries.failed,
      s.deliveries.suppressed,
    ]);
  }
  return out;
}
