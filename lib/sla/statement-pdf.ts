// The statement as a PDF, through the one PDF module (lib/pdf). Given the
// same statement and `createdAt`, the bytes are the same: an issued
// statement's PDF is rendered once, with createdAt = issuedAt, and stored.
import { formatDayKey, formatMonth } from "../domain/time-display.ts";
import { type PdfBlock, renderPdf } from "../pdf/document.ts";
import { chartFloor } from "./daily-chart-svg.ts";
import {
  COVERAGE_LABEL,
  DECISION_LABEL,
  formatIso,
  formatMinutes,
  formatMoney,
  formatPercent,
  formatPlainPercent,
  metLabel,
  MONTH_RULE_LABEL,
  stateLine,
  statementTitle,
} from "./statement-labels.ts";
import type { Statement } from "./types.ts";

export interface StatementPdfOptions {
  /** The PDF's creation date; fixed for stored revisions so their bytes are stable. */
  createdAt: Date;
  /** SHA-256 of the JSON statement, printed so that the PDF can be matched to it. */
  sha256?: string | null;
  /** The site's address, for absolute incident links; site-relative when absent. */
  siteUrl?: string;
}

function figuresBlocks(s: Statement): PdfBlock[] {
  const f = s.figures;
  return [
    { kind: "heading", text: "Figures" },
    {
      kind: "table",
      columns: ["Figure", "Value"],
      widths: [2, 3],
      rows: [
        ["Availability", formatPercent(f.availabilityPercent)],
        ["Target", formatPlainPercent(s.header.targetPercent)],
        ["Result", metLabel(f.met)],
        ["Downtime", formatMinutes(f.downtimeMinutes)],
        ["Downtime allowed at the target", formatMinutes(f.allowedDowntimeMinutes)],
        ["Error budget used", f.errorBudgetUsedPercent === null ? "—" : formatPlainPercent(f.errorBudgetUsedPercent)],
        ["Minutes in the month", formatMinutes(f.monthMinutes)],
        ["Excluded maintenance", formatMinutes(f.excludedMinutes)],
        ["Unknown (no data)", formatMinutes(f.unknownMinutes)],
        ["Measured minutes", formatMinutes(f.measuredMinutes)],
      ],
    },
    { kind: "heading", text: "Service credit" },
    {
      kind: "paragraph",
      text:
        f.creditPercent > 0
          ? `Credit: ${formatPlainPercent(f.creditPercent)} of the monthly fee of ${formatMoney(f.monthlyFee, f.currency)} = ${formatMoney(f.creditAmount, f.currency)}.`
          : `Credit: none (0 %). Monthly fee ${formatMoney(f.monthlyFee, f.currency)}.`,
    },
    {
      kind: "table",
      columns: ["Availability below", "Credit"],
      rows: s.header.contract.creditTiers.map((t) => [
        formatPlainPercent(t.belowPercent),
        formatPlainPercent(t.creditPercent),
      ]),
    },
  ];
}

function componentRegionBlocks(s: Statement): PdfBlock[] {
  return [
    { kind: "heading", text: "Covered component-regions" },
    {
      kind: "table",
      columns: [
        "Component",
        "Region",
        "Availability",
        "Degraded",
        "Partial",
        "Major",
        "Maint. excl.",
        "Unknown",
        "Downtime",
      ],
      widths: [2.2, 2, 1.5, 1.3, 1.1, 1.1, 1.3, 1.3, 1.3],
      align: ["left", "left", "right", "right", "right", "right", "right", "right", "right"],
      rows: s.componentRegions.map((cr) => [
        `${cr.componentName} (${cr.tier === "TIER_1" ? "tier 1" : "tier 2"})`,
        cr.regionKey,
        formatPercent(cr.availabilityPercent),
        formatMinutes(cr.minutesByStatus.degraded_performance),
        formatMinutes(cr.minutesByStatus.partial_outage),
        formatMinutes(cr.minutesByStatus.major_outage),
        formatMinutes(cr.excludedMaintenanceMinutes),
        formatMinutes(cr.unknownMinutes),
        formatMinutes(cr.downtimeMinutes),
      ]),
    },
  ];
}

function incidentBlocks(s: Statement, siteUrl: string): PdfBlock[] {
  if (s.incidents.length === 0)
    return [
      { kind: "heading", text: "Incidents" },
      { kind: "paragraph", text: "No public incident touched the covered component-regions this month." },
    ];
  return [
    { kind: "heading", text: "Incidents" },
    {
      kind: "table",
      columns: ["Incident", "Priority", "Started", "Duration", "Charged", "Links"],
      widths: [3, 0.9, 2, 1.2, 1.2, 2.6],
      rows: s.incidents.map((i) => [
        i.title,
        i.priority,
        formatIso(i.startedAt),
        i.resolvedAt ? formatMinutes(i.durationMinutes) : `${formatMinutes(i.durationMinutes)} (open)`,
        formatMinutes(i.chargedMinutes),
        [
          `${siteUrl}${i.url}`,
          i.postmortemUrl ? `Postmortem: ${siteUrl}${i.postmortemUrl}` : "No postmortem published",
        ].join("\n"),
      ]),
    },
  ];
}

function maintenanceBlocks(s: Statement): PdfBlock[] {
  if (s.maintenance.length === 0)
    return [
      { kind: "heading", text: "Maintenance" },
      { kind: "paragraph", text: "No maintenance on the covered component-regions this month." },
    ];
  return [
    { kind: "heading", text: "Maintenance" },
    {
      kind: "table",
      columns: ["Window", "Announced", "From – to", "Decision", "Reason"],
      widths: [2.4, 1.8, 2.8, 1.5, 3],
      rows: s.maintenance.map((m) => [
        m.title,
        formatIso(m.announcedAt),
        `${formatIso(m.from)} – ${formatIso(m.to)}`,
        `${DECISION_LABEL[m.decision]} (${formatMinutes(m.excludedMinutes)} excluded, ${formatMinutes(m.countedMinutes)} counted)`,
        m.reason,
      ]),
    },
  ];
}

function gapBlocks(s: Statement): PdfBlock[] {
  if (s.dataGaps.length === 0)
    return [
      { kind: "heading", text: "Data gaps" },
      { kind: "paragraph", text: "None: every minute of the month was measured." },
    ];
  return [
    { kind: "heading", text: "Data gaps" },
    { kind: "paragraph", text: "Minutes without probe data are left out of the availability and listed here." },
    {
      kind: "table",
      columns: ["From", "To", "Minutes", "Component-regions without data"],
      widths: [2, 2, 1, 4],
      rows: s.dataGaps.map((g) => [
        formatIso(g.from),
        formatIso(g.to),
        formatMinutes(g.minutes),
        g.componentRegions.join(", "),
      ]),
    },
  ];
}

export function statementPdfBlocks(
  s: Statement,
  options: Pick<StatementPdfOptions, "siteUrl" | "sha256"> = {},
): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  if (s.restatement) {
    blocks.push(
      { kind: "heading", text: "Restatement" },
      {
        kind: "paragraph",
        text: `Restated on ${formatIso(s.header.issuedAt ?? s.header.computedAt)} because: ${s.restatement.reason}`,
      },
    );
    if (s.restatement.changes.length > 0) {
      blocks.push({
        kind: "table",
        columns: ["Figure", "Before", "After"],
        rows: s.restatement.changes.map((c) => [c.field, String(c.before ?? "—"), String(c.after ?? "—")]),
      });
    }
  }
  blocks.push(
    ...figuresBlocks(s),
    ...componentRegionBlocks(s),
    {
      kind: "chart",
      title: "Daily availability",
      points: s.daily.map((d) => ({ label: formatDayKey(d.day).replace(/ \d{4}$/, ""), value: d.availabilityPercent })),
      target: s.header.targetPercent,
      unit: "%",
      min: chartFloor(s.daily, s.header.targetPercent),
      max: 100,
    },
    ...incidentBlocks(s, options.siteUrl ?? ""),
    ...maintenanceBlocks(s),
    ...gapBlocks(s),
  );
  if (options.sha256) blocks.push({ kind: "paragraph", text: `SHA-256 of the JSON statement: ${options.sha256}` });
  return blocks;
}

export function statementPdf(statement: Statement, options: StatementPdfOptions): Promise<Buffer> {
  const h = statement.header;
  return renderPdf({
    title: statementTitle(statement),
    subtitle: `SLA statement for ${formatMonth(h.month)} · ${stateLine(statement)}`,
    meta: [
      ["Customer", h.customer.name],
      ["Contract", h.contract.name],
      ["Month rule", MONTH_RULE_LABEL[h.monthRule]],
      ["Window", `${formatIso(h.window.from)} – ${formatIso(h.window.to)}`],
      ["Target", formatPlainPercent(h.targetPercent)],
      ["Coverage", COVERAGE_LABEL[h.contract.coverage]],
      [
        "Weights",
        `partial outage ${h.contract.partialOutageWeight}, degraded ${h.contract.degradedWeight}, major outage 1`,
      ],
      [
        "Maintenance",
        `excluded when announced ${h.contract.maintenanceNoticeDays} days ahead, up to ${h.contract.maintenanceAllowanceHours} h per contract year`,
      ],
    ],
    blocks: statementPdfBlocks(statement, options),
    createdAt: options.createdAt,
    author: "Bellwether",
  });
}
