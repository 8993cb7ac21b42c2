// How a statement's values read in the PDF, the email and the console: one
// wording for each, so that the three never disagree.
import { formatSlaPercent } from "../domain/sla-figures.ts";
import { formatMonth, formatUtcDate, formatUtcDateTime } from "../domain/time-display.ts";
import type { Coverage, MaintenanceDecision, MonthRule, Statement, StatementState } from "./types.ts";

export const MONTH_RULE_LABEL: Readonly<Record<MonthRule, string>> = {
  calendar: "Calendar month (UTC)",
  fixed_30_days: "Fixed 30-day month (43,200 minutes)",
};

export const COVERAGE_LABEL: Readonly<Record<Coverage, string>> = {
  all_components: "All components",
  tier_1_only: "Tier-1 components only",
};

export const STATE_LABEL: Readonly<Record<StatementState, string>> = {
  provisional: "Provisional",
  issued: "Issued",
};

export const DECISION_LABEL: Readonly<Record<MaintenanceDecision, string>> = {
  excluded: "Excluded",
  counted: "Counted as downtime",
  partly_excluded: "Partly excluded",
};

const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 });
const MONEY = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatMinutes(minutes: number): string {
  return `${NUMBER.format(minutes)} min`;
}

export function formatMoney(amount: number, currency: string): string {
  return `${MONEY.format(amount)} ${currency}`;
}

export function formatPercent(percent: number | null): string {
  return formatSlaPercent(percent);
}

export function formatPlainPercent(percent: number | null): string {
  return percent === null ? "—" : `${NUMBER.format(percent)} %`;
}

export function formatIso(iso: string): string {
  return formatUtcDateTime(new Date(iso));
}

export function formatIsoDay(iso: string): string {
  return formatUtcDate(new Date(iso));
}

export function metLabel(met: boolean | null): string {
  return met === null ? "Not measured" : met ? "Met" : "Missed";
}

/** "Northwind Retail — Enterprise 2026 — November 2026" */
export function statementTitle(statement: Statement): string {
  const h = statement.header;
  return `${h.customer.name} — ${h.contract.name} — ${formatMonth(h.month)}`;
}

/** "Issued, revision 2" or "Provisional until 5 Dec 2026, 00:00 UTC". */
export function stateLine(statement: Statement): string {
  const h = statement.header;
  if (h.state === "issued")
    return `Issued ${h.issuedAt ? formatIso(h.issuedAt) : ""}, revision ${h.revision ?? 1}`.replace(" ,", ",");
  return `Provisional: figures may change until ${formatIso(h.closesAt)}`;
}

/** "<basename>-<revision>.<ext>", e.g. northwind-retail-enterprise-2026-2026-11.pdf */
export function statementFilename(statement: Statement, extension: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "x";
  const h = statement.header;
  const revision = h.revision && h.revision > 1 ? `-rev${h.revision}` : h.state === "provisional" ? "-provisional" : "";
  return `${slug(h.customer.key)}-${slug(h.contract.name)}-${h.month}${revision}.${extension}`;
}
