// An issued SLA statement (or a restatement) for the contract's recipients;
// the PDF and the CSV travel as attachments. Pure: (data) → { subject, html, text }.
import { oneLine, paragraphsHtml, type RenderedEmail, renderHtml, renderText } from "./layout.ts";

export interface SlaStatementEmailData {
  siteName: string;
  customerName: string;
  contractName: string;
  /** "November 2026" */
  monthLabel: string;
  revision: number;
  /** "99.950 %" */
  availability: string;
  /** "99.9 %" */
  target: string;
  met: boolean | null;
  /** "10 % = 1,200.00 EUR", or "none" */
  credit: string;
  /** "12 min" */
  downtime: string;
  /** Restatements: why. */
  reason: string | null;
  /** "23 min" of data gaps, or null when there were none. */
  unknown: string | null;
}

export function slaStatementEmail(d: SlaStatementEmailData): RenderedEmail {
  const restated = d.revision > 1;
  const result = d.met === null ? "not measured" : d.met ? "met" : "missed";
  const heading = `${d.contractName}: SLA statement for ${d.monthLabel}${restated ? ` (revision ${d.revision})` : ""}`;
  const lines = [
    restated
      ? `The SLA statement of ${d.customerName} for ${d.monthLabel} has been restated (revision ${d.revision}) because: ${d.reason ?? "—"}`
      : `The SLA statement of ${d.customerName} for ${d.monthLabel} has been issued.`,
    `Availability ${d.availability} against a target of ${d.target}: ${result}. Downtime ${d.downtime}. Service credit: ${d.credit}.`,
    ...(d.unknown
      ? [`${d.unknown} had no monitoring data; they are left out of the availability and listed in the statement.`]
      : []),
    "The statement is attached as PDF and as CSV.",
  ];
  const content = {
    siteName: d.siteName,
    preheader: lines[1]!,
    tone: d.met === false ? ("major" as const) : ("neutral" as const),
    badge: restated ? "Restated" : "Issued",
    heading,
    bodyHtml: lines.map((line) => paragraphsHtml(line)).join(""),
    bodyText: lines.join("\n\n"),
    footer: {
      note: `You receive this as a recipient of the SLA statements of ${d.customerName}'s contract ${d.contractName}. Your account manager can change the recipients.`,
    },
  };
  return { subject: oneLine(`${d.siteName}: ${heading}`), html: renderHtml(content), text: renderText(content) };
}
