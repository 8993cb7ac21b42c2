// The statement as CSV (RFC 4180: CRLF, quoted where needed): one row per
// covered component-region and a summary row, every row naming its contract
// and month so that rows from many statements can be pasted together.
import type { Statement } from "./types.ts";

export const STATEMENT_CSV_COLUMNS = [
  "customer",
  "contract",
  "month",
  "month_rule",
  "state",
  "revision",
  "row",
  "product",
  "component",
  "tier",
  "region",
  "availability_percent",
  "operational_minutes",
  "degraded_minutes",
  "partial_outage_minutes",
  "major_outage_minutes",
  "maintenance_excluded_minutes",
  "maintenance_counted_minutes",
  "unknown_minutes",
  "downtime_minutes",
  "target_percent",
  "allowed_downtime_minutes",
  "error_budget_used_percent",
  "met",
  "credit_percent",
  "credit_amount",
  "currency",
] as const;

type Cell = string | number | boolean | null;

/** A spreadsheet runs a cell starting with = + - @ (or a tab/CR before one) as a formula; a leading quote keeps it text. */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: Cell): string {
  if (value === null) return "";
  const text = typeof value === "string" ? neutraliseCell(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function statementCsv(statement: Statement): string {
  const { header: h, figures: f } = statement;
  const lead: Cell[] = [h.customer.name, h.contract.name, h.month, h.monthRule, h.state, h.revision];
  const rows = statement.componentRegions.map((cr) =>
    csvRow([
      ...lead,
      "component_region",
      cr.productName,
      cr.componentName,
      cr.tier,
      cr.regionKey,
      cr.availabilityPercent,
      cr.minutesByStatus.operational,
      cr.minutesByStatus.degraded_performance,
      cr.minutesByStatus.partial_outage,
      cr.minutesByStatus.major_outage,
      cr.excludedMaintenanceMinutes,
      cr.countedMaintenanceMinutes,
      cr.unknownMinutes,
      cr.downtimeMinutes,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]),
  );
  const summary = csvRow([
    ...lead,
    "summary",
    null,
    "All covered component-regions (worst per minute)",
    null,
    null,
    f.availabilityPercent,
    null,
    null,
    null,
    null,
    f.excludedMinutes,
    null,
    f.unknownMinutes,
    f.downtimeMinutes,
    h.targetPercent,
    f.allowedDowntimeMinutes,
    f.errorBudgetUsedPercent,
    f.met,
    f.creditPercent,
    f.creditAmount,
    f.currency,
  ]);
  return csvRow([...STATEMENT_CSV_COLUMNS]) + rows.join("") + summary;
}
