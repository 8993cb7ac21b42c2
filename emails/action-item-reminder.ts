// To an action item's owner, a few days before it is due. Pure: (data) →
// { subject, html, text }; everything typed is escaped.
import { escapeHtml, oneLine, paragraphsHtml, type RenderedEmail, renderHtml, renderText } from "./layout.ts";

export interface ActionItemReminderData {
  siteName: string;
  ownerName: string;
  title: string;
  /** "21 Nov 2026" */
  dueLabel: string;
  /** 0 = today. */
  daysLeft: number;
  priority: string;
  /** "Open", "In progress" */
  stateLabel: string;
  incidentTitle: string;
  /** The postmortem in the console, absolute. */
  url: string;
  trackerUrl: string | null;
}

export function actionItemReminderEmail(d: ActionItemReminderData): RenderedEmail {
  const when = d.daysLeft === 0 ? "today" : d.daysLeft === 1 ? "tomorrow" : `in ${d.daysLeft} days`;
  const lines = [
    `Hello ${d.ownerName},`,
    `Your action item "${d.title}" from the postmortem of "${d.incidentTitle}" is due ${when} (${d.dueLabel}). It is ${d.priority} and ${d.stateLabel.toLowerCase()}.`,
    "If it is done, mark it done in the console; if it will not be done, say why there.",
  ];
  const tracker = d.trackerUrl
    ? `<p style="margin:0 0 14px;line-height:1.5">Tracker: <a href="${escapeHtml(d.trackerUrl)}" style="color:#334155">${escapeHtml(d.trackerUrl)}</a></p>`
    : "";
  const content = {
    siteName: d.siteName,
    preheader: lines[1]!,
    tone: d.daysLeft === 0 ? ("minor" as const) : ("neutral" as const),
    badge: `Due ${when}`,
    heading: d.title,
    bodyHtml: lines.map((line) => paragraphsHtml(line)).join("") + tracker,
    bodyText: [...lines, ...(d.trackerUrl ? [`Tracker: ${d.trackerUrl}`] : [])].join("\n\n"),
    action: { label: "Open the postmortem", url: d.url },
    footer: { note: "You receive this because you own this action item in Bellwether." },
  };
  return {
    subject: oneLine(`Action item due ${when}: ${d.title}`),
    html: renderHtml(content),
    text: renderText(content),
  };
}
