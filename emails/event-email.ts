// The email for each outbox event: (data) → { subject, html, text }. No
// queries: the sender passes the event's frozen payload and the links.
import { STATUS_LABEL } from "../lib/domain/status.ts";
import type { ComponentStatus } from "../lib/generated/prisma/enums.ts";
import type { EventKind, EventPayload } from "../lib/notifications/events.ts";
import {
  type EmailContent,
  escapeHtml,
  formatUtc,
  oneLine,
  paragraphsHtml,
  type RenderedEmail,
  renderHtml,
  renderText,
  type Tone,
} from "./layout.ts";

export interface EventEmailData {
  kind: EventKind;
  payload: EventPayload;
  siteName: string;
  /** The incident, maintenance or postmortem page, absolute. */
  pageUrl: string;
  manageUrl: string;
  unsubscribeUrl: string;
}

const STATUS_WORD: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

function statusWord(status: string): string {
  return (
    STATUS_WORD[status] ??
    oneLine(
      status.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
      40,
    )
  );
}

function affectedStatus(status: string): string {
  return STATUS_LABEL[status as ComponentStatus] ?? statusWord(status);
}

interface KindText {
  subject: (p: EventPayload) => string;
  badge: (p: EventPayload) => string;
  tone: (p: EventPayload) => Tone;
  action: string;
  lead: (p: EventPayload) => string | null;
}

const incidentTone = (p: EventPayload): Tone =>
  p.impact === "critical" ? "critical" : p.impact === "major" ? "major" : "minor";
const windowText = (p: EventPayload) =>
  p.scheduledStart && p.scheduledEnd ? `${formatUtc(p.scheduledStart)} to ${formatUtc(p.scheduledEnd)}` : null;

const KINDS: Record<EventKind, KindText> = {
  incident_published: {
    subject: (p) => `Incident: ${p.title} — ${statusWord(p.status)}`,
    badge: (p) => statusWord(p.status),
    tone: incidentTone,
    action: "View the incident",
    lead: () => null,
  },
  incident_updated: {
    subject: (p) => `Update: ${p.title} — ${statusWord(p.status)}`,
    badge: (p) => statusWord(p.status),
    tone: incidentTone,
    action: "View the incident",
    lead: () => null,
  },
  incident_resolved: {
    subject: (p) => `Resolved: ${p.title}`,
    badge: () => "Resolved",
    tone: () => "good",
    action: "View the incident",
    lead: () => null,
  },
  maintenance_scheduled: {
    subject: (p) => `Scheduled maintenance: ${p.title}${p.scheduledStart ? ` — ${formatUtc(p.scheduledStart)}` : ""}`,
    badge: () => "Scheduled maintenance",
    tone: () => "maintenance",
    action: "View the maintenance",
    lead: (p) => (windowText(p) ? `Planned from ${windowText(p)}.` : null),
  },
  maintenance_reminder: {
    subject: (p) =>
      `Reminder: maintenance ${p.title}${p.scheduledStart ? ` starts ${formatUtc(p.scheduledStart)}` : ""}`,
    badge: () => "Maintenance reminder",
    tone: () => "maintenance",
    action: "View the maintenance",
    lead: (p) => (windowText(p) ? `Starts soon: ${windowText(p)}.` : null),
  },
  maintenance_started: {
    subject: (p) => `Maintenance in progress: ${p.title}`,
    badge: () => "In progress",
    tone: () => "maintenance",
    action: "View the maintenance",
    lead: (p) => (p.scheduledEnd ? `Expected to end by ${formatUtc(p.scheduledEnd)}.` : null),
  },
  maintenance_completed: {
    subject: (p) => `Maintenance completed: ${p.title}`,
    badge: () => "Completed",
    tone: () => "good",
    action: "View the maintenance",
    lead: () => null,
  },
  postmortem_published: {
    subject: (p) => `Postmortem: ${p.title}`,
    badge: () => "Postmortem",
    tone: () => "neutral",
    action: "Read the postmortem",
    lead: (p) =>
      p.status === "postmortem_updated"
        ? "We have updated our postmortem of this incident."
        : "We have published our postmortem of this incident: what happened, why, and what we are changing.",
  },
};

function affectedHtml(p: EventPayload): string {
  if (p.affected.length === 0) return "";
  const rows = p.affected
    .map(
      (a) =>
        `<tr><td style="padding:4px 12px 4px 0;border-bottom:1px solid #e2e8f0">${escapeHtml(a.component)}</td><td style="padding:4px 12px 4px 0;border-bottom:1px solid #e2e8f0">${escapeHtml(a.region)}</td><td style="padding:4px 0;border-bottom:1px solid #e2e8f0">${escapeHtml(affectedStatus(a.status))}</td></tr>`,
    )
    .join("");
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:6px 0 4px;font-size:14px;border-collapse:collapse"><tr><th align="left" style="padding:4px 12px 4px 0;color:#475569;font-weight:600">Component</th><th align="left" style="padding:4px 12px 4px 0;color:#475569;font-weight:600">Region</th><th align="left" style="padding:4px 0;color:#475569;font-weight:600">Status</th></tr>${rows}</table>`;
}

function affectedText(p: EventPayload): string {
  if (p.affected.length === 0) return "";
  return `Affected:\n${p.affected.map((a) => `  - ${a.component} in ${a.region}: ${affectedStatus(a.status)}`).join("\n")}\n`;
}

/** A postmortem's email carries the start of its summary as plain text (lib/postmortems writes it so; escaped below), never HTML. */
const POSTMORTEM_EXCERPT_CHARS = 800;

function postmortemExcerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > POSTMORTEM_EXCERPT_CHARS
    ? `${trimmed.slice(0, POSTMORTEM_EXCERPT_CHARS - 1).trimEnd()}…`
    : trimmed;
}

/** The postmortem is below the updates on the incident's page. */
function postmortemUrl(pageUrl: string): string {
  return pageUrl.includes("#") ? pageUrl : `${pageUrl}#postmortem`;
}

export function renderEventEmail(data: EventEmailData): RenderedEmail {
  const kind = KINDS[data.kind];
  const postmortem = data.kind === "postmortem_published";
  const p = postmortem ? { ...data.payload, message: postmortemExcerpt(data.payload.message) } : data.payload;
  const lead = kind.lead(p);
  const posted = `${postmortem ? "Published" : "Posted"} ${formatUtc(p.at)}`;
  const content: EmailContent = {
    siteName: data.siteName,
    preheader: oneLine(p.message, 120),
    tone: kind.tone(p),
    badge: kind.badge(p),
    heading: oneLine(p.title, 300),
    bodyHtml: [
      lead ? `<p style="margin:0 0 14px;font-weight:600">${escapeHtml(lead)}</p>` : "",
      paragraphsHtml(p.message),
      affectedHtml(p),
      `<p style="margin:12px 0 0;font-size:13px;color:#475569">${escapeHtml(posted)}</p>`,
    ].join(""),
    bodyText: [lead ?? "", p.message.trim(), "", affectedText(p), posted]
      .filter((line, i) => i > 0 || line !== "")
      .join("\n"),
    action: { label: kind.action, url: postmortem ? postmortemUrl(data.pageUrl) : data.pageUrl },
    footer: {
      note: `You receive this because you subscribed to ${data.siteName} updates for these components and regions.`,
      manageUrl: data.manageUrl,
      unsubscribeUrl: data.unsubscribeUrl,
    },
  };
  return { subject: oneLine(kind.subject(p)), html: renderHtml(content), text: renderText(content) };
}
