// The weekly digest of overdue action items, to every engineer and admin.
// Pure: (data) → { subject, html, text }; everything typed is escaped.
import { escapeHtml, oneLine, type RenderedEmail, renderHtml, renderText } from "./layout.ts";

export interface OverdueDigestItem {
  title: string;
  ownerName: string;
  /** "21 Nov 2026" */
  dueLabel: string;
  daysOverdue: number;
  priority: string;
  incidentTitle: string;
  /** The postmortem in the console, absolute. */
  url: string;
}

export interface OverdueDigestData {
  siteName: string;
  recipientName: string;
  /** "2026-W47" */
  week: string;
  items: OverdueDigestItem[];
  /** The console's action-item list, absolute. */
  listUrl: string;
}

const overdue = (days: number) => (days === 1 ? "1 day overdue" : `${days} days overdue`);

export function overdueDigestEmail(d: OverdueDigestData): RenderedEmail {
  const count = d.items.length === 1 ? "1 action item is" : `${d.items.length} action items are`;
  const intro = `Hello ${d.recipientName}, ${count} past due. Each was promised in a postmortem; finish it, move its date, or mark it won't do with a reason.`;
  const rows = d.items
    .map(
      (i) =>
        `<li style="margin:0 0 10px;line-height:1.45"><a href="${escapeHtml(i.url)}" style="color:#0f172a;font-weight:600">${escapeHtml(i.title)}</a><br><span style="color:#475569;font-size:13px">${escapeHtml(
          `${i.priority} · ${i.ownerName} · due ${i.dueLabel} (${overdue(i.daysOverdue)}) · ${i.incidentTitle}`,
        )}</span></li>`,
    )
    .join("");
  const content = {
    siteName: d.siteName,
    preheader: intro,
    tone: "major" as const,
    badge: `Overdue, ${d.week}`,
    heading: `${count} overdue`,
    bodyHtml: `<p style="margin:0 0 14px;line-height:1.5">${escapeHtml(intro)}</p><ul style="margin:0 0 14px;padding-left:20px">${rows}</ul>`,
    bodyText: [
      intro,
      "",
      ...d.items.map(
        (i) =>
          `- ${i.title} (${i.priority}, ${i.ownerName}, due ${i.dueLabel}, ${overdue(i.daysOverdue)}; ${i.incidentTitle})\n  ${i.url}`,
      ),
    ].join("\n"),
    action: { label: "See all action items", url: d.listUrl },
    footer: {
      note: "You receive this weekly digest as an engineer or admin in Bellwether, while action items are overdue.",
    },
  };
  return { subject: oneLine(`${count} overdue (${d.week})`), html: renderHtml(content), text: renderText(content) };
}
