// POST /subscribe with a webhook URL. Whoever asks must show they control the
// URL before anything is sent to it for real:
// - JSON webhooks get a challenge request — `{"type":"challenge","challenge":"…"}`,
//   signed like every request — and must answer 2xx with the challenge echoed
//   (as `{"challenge":"…"}` or as the plain body) within 5 s, as Slack's Events
//   API and Statuspage do it. Then the subscription is active at once, and its
//   signing secret is shown once, on the answer page.
// - Slack incoming webhooks cannot answer anything, so the channel receives a
//   message with a confirmation link instead (double opt-in through the channel).
// Asking again for an active URL proves control again: the JSON path replaces the
// scope and the secret (the old one stops working); the Slack path posts the manage link.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import type { WebhookFormat } from "../generated/prisma/enums.ts";
import { absoluteUrl, type LinkSettings, SITE_NAME } from "../mail/settings.ts";
import { defaultWebhookFormat, slackEscape } from "../webhooks/payload.ts";
import { postWebhook, type Resolver, WebhookRequestError } from "../webhooks/request.ts";
import { EVENT_HEADER, newWebhookSecret, signedHeaders } from "../webhooks/signature.ts";
import { subscriberLinks } from "./links.ts";
import { type SubscribeLimits, takeAddressToken, takePendingToken } from "./rate-limits.ts";
import { describeScope, getSubscriptionChoices, subscriptionScopeSchema, writeScope } from "./scope.ts";
import { CONFIRM_TTL_MS, newConfirmToken } from "./tokens.ts";

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL that should receive the webhooks.")
  .max(2_000, "That URL is too long.")
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http or https URL such as https://example.com/hooks/status." }))
  .refine((url) => {
    try {
      const parsed = new URL(url);
      return !parsed.username && !parsed.password;
    } catch {
      return true; // not a URL at all: said above
    }
  }, "A webhook URL cannot carry a user name or password.");

export const webhookFormatSchema = z.enum(["json", "slack"]);

export const requestWebhookSubscriptionInput = z.object({
  url: webhookUrlSchema,
  /** Unset: Slack's format for hooks.slack.com, JSON otherwise. */
  format: webhookFormatSchema.optional(),
  scope: subscriptionScopeSchema,
});

export interface WebhookDeliveryOptions {
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  resolve?: Resolver;
  timeoutMs?: number;
}

export interface WebhookRequestDeps {
  now: Date;
  links: LinkSettings;
  limits: SubscribeLimits;
  webhook: WebhookDeliveryOptions;
  siteName?: string;
}

export type WebhookRequestOutcome =
  /** The challenge was echoed: active now. The secret is returned this once. */
  | { outcome: "confirmed"; subscriberId: string; format: WebhookFormat; secret: string }
  /** A Slack message with a confirmation link was posted; the secret is returned this once. */
  | { outcome: "confirmation_posted"; format: WebhookFormat; secret: string }
  /** Already active (Slack): the channel got its manage link; the secret is unchanged and not shown again. */
  | { outcome: "manage_link_posted"; format: WebhookFormat };

const URL_FIELD = "url";

function unreachable(error: unknown): AppError {
  const reason = error instanceof WebhookRequestError ? error.message : "it did not answer";
  return new AppError("VALIDATION", `We could not confirm this webhook URL: ${reason}.`, {
    fields: { [URL_FIELD]: [`The URL did not pass our check: ${reason}.`] },
    cause: error,
  });
}

/** The challenge's answer: `{"challenge":"…"}` or the bare value. */
export function echoesChallenge(body: string, challenge: string): boolean {
  if (body.trim() === challenge) return true;
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === "object" && parsed !== null && (parsed as { challenge?: unknown }).challenge === challenge;
  } catch {
    return false;
  }
}

async function post(deps: WebhookRequestDeps, url: string, secret: string, kind: string, body: string) {
  try {
    return await postWebhook(
      url,
      body,
      { "user-agent": "Bellwether-Webhooks/1", [EVENT_HEADER]: kind, ...signedHeaders(secret, body, deps.now) },
      deps.webhook,
    );
  } catch (error) {
    throw unreachable(error);
  }
}

export async function requestWebhookSubscription(
  db: Db,
  input: z.input<typeof requestWebhookSubscriptionInput>,
  deps: WebhookRequestDeps,
): Promise<WebhookRequestOutcome> {
  const { url, scope, format: chosen } = parseInput(requestWebhookSubscriptionInput, input);
  const format = chosen ?? defaultWebhookFormat(url);
  if (!(await takeAddressToken(db, deps.limits, url, deps.now)))
    throw new AppError("RATE_LIMITED", "This URL has been asked for too often. Please try again in an hour.");
  const siteName = deps.siteName ?? SITE_NAME;
  const existing = await db.subscriber.findUnique({ where: { webhookUrl: url } });
  const active = existing?.confirmedAt && !existing.unsubscribedAt && !existing.suppressedAt;

  if (format === "json") {
    if (!active) await takePendingToken(db, deps.limits, deps.now);
    const secret = newWebhookSecret();
    const challenge = randomBytes(24).toString("base64url");
    const body = JSON.stringify({
      type: "challenge",
      challenge,
      site: { name: siteName, url: absoluteUrl(deps.links, "/") },
    });
    const answer = await post(deps, url, secret, "challenge", body);
    if (!echoesChallenge(answer.body, challenge))
      throw unreachable(new WebhookRequestError("its answer did not contain the challenge"));
    const row = await db.$transaction(async (tx) => {
      const data = {
        channel: "webhook" as const,
        webhookSecret: secret,
        webhookFormat: format,
        confirmedAt: deps.now,
        confirmTokenHash: null,
        confirmExpiresAt: null,
        unsubscribedAt: null,
        suppressedAt: null,
        suppressReason: null,
      };
      const written = await tx.subscriber.upsert({
        where: { webhookUrl: url },
        create: { ...data, webhookUrl: url },
        update: data,
      });
      await writeScope(tx, written.id, scope);
      return written;
    });
    return { outcome: "confirmed", subscriberId: row.id, format, secret };
  }

  // Slack: the channel is the mailbox; a message in it carries the link.
  if (active && existing.confirmedAt) {
    const links = subscriberLinks(deps.links, { id: existing.id, confirmedAt: existing.confirmedAt });
    const text = `This channel already receives ${slackEscape(siteName)} updates. <${links.manageUrl}|Change what it receives or unsubscribe>.`;
    await post(deps, url, existing.webhookSecret ?? newWebhookSecret(), "manage_link", JSON.stringify({ text }));
    return { outcome: "manage_link_posted", format };
  }
  await takePendingToken(db, deps.limits, deps.now);
  const secret = newWebhookSecret();
  const { token, hash } = newConfirmToken();
  const expiresAt = new Date(deps.now.getTime() + CONFIRM_TTL_MS);
  await db.$transaction(async (tx) => {
    const data = {
      channel: "webhook" as const,
      webhookSecret: secret,
      webhookFormat: format,
      confirmTokenHash: hash,
      confirmExpiresAt: expiresAt,
    };
    const row = await tx.subscriber.upsert({
      where: { webhookUrl: url },
      create: { ...data, webhookUrl: url },
      update: data,
    });
    await writeScope(tx, row.id, scope);
  });
  const confirmUrl = absoluteUrl(deps.links, `/subscribe/confirm?token=${encodeURIComponent(token)}`);
  const what = describeScope(scope, await getSubscriptionChoices(db));
  const text =
    `Someone asked for ${slackEscape(siteName)} updates in this channel (${slackEscape(what)}). ` +
    `<${confirmUrl}|Confirm the subscription> within ${CONFIRM_TTL_MS / 3_600_000} hours; without it, nothing more is posted.`;
  await post(deps, url, secret, "confirmation", JSON.stringify({ text }));
  return { outcome: "confirmation_posted", format, secret };
}
