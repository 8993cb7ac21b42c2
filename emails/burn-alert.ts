// To an engineer who opted in: an error-budget burn-rate alert fired. Pure:
// (data) → { subject, html, text }; everything typed is escaped.
import { oneLine, paragraphsHtml, type RenderedEmail, renderHtml, renderText } from "./layout.ts";

export interface BurnAlertEmailData {
  siteName: string;
  recipientName: string;
  severity: "page" | "ticket";
  componentName: string;
  regionName: string;
  /** "99.9 %" */
  sloLabel: string;
  /** "14.4×" */
  factorLabel: string;
  /** "1 h: 2.10 % of checks failed (21.0×)" */
  longLabel: string;
  shortLabel: string;
  /** "4 Dec 2026, 18:05 UTC" */
  firedLabel: string;
  /** The SLO page in the console, absolute. */
  url: string;
}

export function burnAlertEmail(d: BurnAlertEmailData): RenderedEmail {
  const what = `${d.componentName} in ${d.regionName}`;
  const lines = [
    `Hello ${d.recipientName},`,
    `${what} is burning its error budget (objective ${d.sloLabel}) faster than ${d.factorLabel} in both windows since ${d.firedLabel}.`,
    `Long window — ${d.longLabel}. Short window — ${d.shortLabel}.`,
    d.severity === "page"
      ? "This is page-level: at this rate the budget is gone within days. Look now."
      : "This is ticket-level: the budget will not last the month at this rate. Look today.",
  ];
  const content = {
    siteName: d.siteName,
    preheader: lines[1]!,
    tone: d.severity === "page" ? ("major" as const) : ("minor" as const),
    badge: d.severity === "page" ? "Burn-rate page" : "Burn-rate ticket",
    heading: what,
    bodyHtml: lines.map((line) => paragraphsHtml(line)).join(""),
    bodyText: lines.join("\n\n"),
    action: { label: "Open error budgets", url: d.url },
    footer: { note: "You receive this because you asked for burn-rate alert emails in Bellwether's console." },
  };
  return {
    subject: oneLine(`[${d.severity}] ${what} burns its error budget ${d.factorLabel}`),
    html: renderHtml(content),
    text: renderText(content),
  };
}
