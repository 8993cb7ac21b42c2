// The webhook channel: POSTs the event as JSON (or Slack's text + blocks),
// signed with the subscriber's secret (lib/webhooks/signature.ts), through
// lib/webhooks/request.ts (5 s, 64 KB, SSRF rule checked on the resolved
// address). The answer decides: 2xx delivered; 5xx, 408, 429 and no answer
// retry; other 4xx, redirects and refused targets fail, and three such
// failures in a row suppress the subscriber. One receiver that is down never
// pauses the others.
import { classifyHttpFailure, WEBHOOK_PERMANENT_FAILURES_TO_SUPPRESS } from "../domain/delivery.ts";
import { absoluteUrl, type LinkSettings, SITE_NAME } from "../mail/settings.ts";
import { webhookBody } from "../webhooks/payload.ts";
import { postWebhook, type Resolver, WebhookRequestError } from "../webhooks/request.ts";
import { DELIVERY_HEADER, EVENT_HEADER, signedHeaders } from "../webhooks/signature.ts";
import type { Channel, ClassifiedFailure } from "./channel.ts";

export const WEBHOOK_USER_AGENT = "Bellwether-Webhooks/1";
/** Requests in flight at most, by default; also the most accepted-but-unrecorded deliveries one crash can repeat. */
export const WEBHOOK_CONCURRENCY = 16;

export interface WebhookChannelOptions {
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private targets allowed (the demo, the tests). */
  allowPrivate: boolean;
  /** Requests in flight at most. */
  concurrency?: number;
  timeoutMs?: number;
  resolve?: Resolver;
  siteName?: string;
}

export function webhookChannel(links: LinkSettings, options: WebhookChannelOptions): Channel {
  const siteName = options.siteName ?? SITE_NAME;
  return {
    name: "webhook",
    capacity: options.concurrency ?? WEBHOOK_CONCURRENCY,
    suppressAfterPermanentFailures: WEBHOOK_PERMANENT_FAILURES_TO_SUPPRESS,
    async deliver({ notification, payload, links: subscriberLinks }) {
      const { webhookUrl, webhookSecret, webhookFormat } = notification;
      if (!webhookUrl || !webhookSecret || !webhookFormat)
        throw new WebhookRequestError("a webhook subscriber without a URL, secret or format", { refused: true });
      const body = webhookBody(webhookFormat, {
        deliveryId: notification.id,
        kind: notification.kind,
        payload,
        siteName,
        siteUrl: absoluteUrl(links, "/"),
        pageUrl: absoluteUrl(links, payload.path),
        manageUrl: subscriberLinks.manageUrl,
        unsubscribeUrl: subscriberLinks.unsubscribeUrl,
      });
      await postWebhook(
        webhookUrl,
        body,
        {
          "user-agent": WEBHOOK_USER_AGENT,
          [DELIVERY_HEADER]: notification.id,
          [EVENT_HEADER]: notification.kind,
          ...signedHeaders(webhookSecret, body, new Date()),
        },
        { allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs, resolve: options.resolve },
      );
      return { messageId: notification.id };
    },
    classify(error): ClassifiedFailure {
      const details = error instanceof WebhookRequestError ? error.details : {};
      return {
        kind: classifyHttpFailure(details),
        message: error instanceof Error ? error.message : String(error),
        channelDown: false,
      };
    },
    close() {},
  };
}
