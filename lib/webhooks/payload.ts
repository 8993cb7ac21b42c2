// What a webhook request carries. Two formats: Bellwether's JSON document
// (`json`), and Slack's incoming-webhook body (`slack`: `text` for
// notifications and old clients, `blocks` for the message itself). Both are
// built from the event's frozen payload, as the email is. README, "Webhooks".
import { renderEventEmail } from "../../emails/event-email.ts";
import type { WebhookFormat } from "../generated/prisma/enums.ts";
import type { EventKind, EventPayload } from "../notifications/events.ts";

export const WEBHOOK_PAYLOAD_VERSION = 1;

export interface WebhookEventDocument {
  /** The delivery's id (also in Bellwether-Delivery): a repeat after a crash carries the same one. */
  id: string;
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  type: EventKind;
  /** When it happened (ISO 8601, UTC). */
  createdAt: string;
  site: { name: string; url: string };
  data: {
    title: string;
    status: string;
    impact: EventPayload["impact"] | null;
    message: string;
    /** The incident, maintenance or postmortem page. */
    url: string;
    affected: EventPayload["affected"];
    scheduledStart: string | null;
    scheduledEnd: string | null;
  };
  subscription: { manageUrl: string; unsubscribeUrl: string };
}

export interface WebhookContent {
  deliveryId: string;
  kind: EventKind;
  payload: EventPayload;
  siteName: string;
  siteUrl: string;
  pageUrl: string;
  manageUrl: string;
  unsubscribeUrl: string;
}

export function webhookEventDocument(c: WebhookContent): WebhookEventDocument {
  const p = c.payload;
  return {
    id: c.deliveryId,
    version: WEBHOOK_PAYLOAD_VERSION,
    type: c.kind,
    createdAt: p.at,
    site: { name: c.siteName, url: c.siteUrl },
    data: {
      title: p.title,
      status: p.status,
      impact: p.impact ?? null,
      message: p.message,
      url: c.pageUrl,
      affected: p.affected,
      scheduledStart: p.scheduledStart ?? null,
      scheduledEnd: p.scheduledEnd ?? null,
    },
    subscription: { manageUrl: c.manageUrl, unsubscribeUrl: c.unsubscribeUrl },
  };
}

/** Slack mrkdwn: &, < and > are its only control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const SLACK_TEXT_LIMIT = 2_900;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

export function slackMessage(c: WebhookContent): SlackMessage {
  // The email's subject line is the headline: one wording per event kind.
  const { subject } = renderEventEmail({
    kind: c.kind,
    payload: c.payload,
    siteName: c.siteName,
    pageUrl: c.pageUrl,
    manageUrl: c.manageUrl,
    unsubscribeUrl: c.unsubscribeUrl,
  });
  const affected = c.payload.affected.map((a) => `• ${a.component} in ${a.region}: ${a.status.replace(/_/g, " ")}`);
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: clip(subject, 150), emoji: false } },
    { type: "section", text: { type: "mrkdwn", text: clip(slackEscape(c.payload.message) || "—", SLACK_TEXT_LIMIT) } },
  ];
  if (affected.length > 0)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(slackEscape(affected.join("\n")), 2_900) } });
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `<${c.pageUrl}|View on ${slackEscape(c.siteName)}> · <${c.manageUrl}|Manage this subscription>`,
      },
    ],
  });
  return { text: clip(`${slackEscape(subject)} — <${c.pageUrl}|details>`, SLACK_TEXT_LIMIT), blocks };
}

export function webhookBody(format: WebhookFormat, content: WebhookContent): string {
  return JSON.stringify(format === "slack" ? slackMessage(content) : webhookEventDocument(content));
}

/** Slack's incoming webhooks live on hooks.slack.com: such a URL gets the Slack format unless told otherwise. */
export function defaultWebhookFormat(url: string): WebhookFormat {
  try {
    return new URL(url).hostname.toLowerCase() === "hooks.slack.com" ? "slack" : "json";
  } catch {
    return "json";
  }
}
