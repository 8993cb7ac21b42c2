// To an engineer who opted in: error-budget burn-rate alerts fired, all those
// of one evaluation in one email (a broad failure is one message, not fifty).
// Pure: (data) → { subject, html, text }; everything typed is escaped.
import { escapeHtml, oneLine, paragraphsHtml, type RenderedEmail, renderHtml, renderText } from "./layout.ts";

export interface FiredBurnAlert {
  severity: "page" | "ticket";
  componentName: string;
  regionName: string;
  /** "99.9 %" */
  sloLabel: string;
  /** "14.4×" */
  factorLabel: string;
  /** "1 h: 2.10 % of 6,000 checks failed (21.0×)" */
  longLabel: string;
  shortLabel: string;
}

export interface BurnAlertEmailData {
  siteName: string;
  recipientName: string;
  /** Pages first. */
  alerts: FiredBurnAlert[];
  /** "4 Dec 2026, 18:05 UTC" */
  firedLabel: string;
  /** The error-budget page in the console, absolute. */
  url: string;
}

function line(a: FiredBurnAlert): string {
  return `${a.severity === "page" ? "Page" : "Ticket"} — ${a.componentName} in ${a.regionName} (objective ${a.sloLabel}) burns faster than ${a.factorLabel}: ${a.longLabel}; ${a.shortLabel}.`;
}

export function burnAlertEmail(d: BurnAlertEmailData): RenderedEmail {
  const pages = d.alerts.filter((a) => a.severity === "page").length;
  const severity = pages > 0 ? "page" : "ticket";
  const first = d.alerts[0]!;
  const what =
    d.alerts.length === 1 ? `${first.componentName} in ${first.regionName}` : `${d.alerts.length} burn-rate alerts`;
  const intro = `Burn-rate alerts fired at ${d.firedLabel}, each with both windows above its factor:`;
  const advice =
    pages > 0
      ? "Pages burn the budget within days at this rate: look now. Tickets: look today."
      : "Tickets: at this rate the budget will not last the month. Look today.";
  const lines = d.alerts.map(line);
  const content = {
    siteName: d.siteName,
    preheader: lines[0]!,
    tone: pages > 0 ? ("major" as const) : ("minor" as const),
    badge: pages > 0 ? "Burn-rate page" : "Burn-rate ticket",
    heading: what,
    bodyHtml:
      paragraphsHtml(`Hello ${d.recipientName},`) +
      paragraphsHtml(intro) +
      `<ul style="margin:0 0 14px;padding-left:20px;line-height:1.5">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` +
      paragraphsHtml(advice),
    bodyText: [`Hello ${d.recipientName},`, intro, ...lines.map((l) => `- ${l}`), advice].join("\n\n"),
    action: { label: "Open error budgets", url: d.url },
    footer: { note: "You receive this because you asked for burn-rate alert emails in Bellwether's console." },
  };
  const subject =
    d.alerts.length === 1
      ? `[${severity}] ${what} burns its error budget ${first.factorLabel}`
      : `[${severity}] ${what} fired (${pages} page${pages === 1 ? "" : "s"}): ${d.alerts
          .slice(0, 3)
          .map((a) => `${a.componentName} in ${a.regionName}`)
          .join(", ")}${d.alerts.length > 3 ? ", …" : ""}`;
  return { subject: oneLine(subject), html: renderHtml(content), text: renderText(content) };
}
