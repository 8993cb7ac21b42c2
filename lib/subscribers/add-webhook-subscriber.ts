// An admin adds a webhook subscriber from the console — a partner's endpoint or
// a Slack channel the team runs — active at once, without the public form's
// challenge (the admin vouches for the URL). The URL must still be one that
// webhooks may reach (checked now and again at every delivery). The signing
// secret is returned this once; the audit entry never holds it.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import type { WebhookFormat } from "../generated/prisma/enums.ts";
import { defaultWebhookFormat } from "../webhooks/payload.ts";
import { parseWebhookUrl, resolveWebhookTarget, WebhookRequestError } from "../webhooks/request.ts";
import { newWebhookSecret } from "../webhooks/signature.ts";
import type { WebhookDeliveryOptions } from "./request-webhook-subscription.ts";
import { webhookFormatSchema, webhookUrlSchema } from "./request-webhook-subscription.ts";
import { subscriptionScopeSchema, writeScope } from "./scope.ts";

export const addWebhookSubscriberInput = z.object({
  url: webhookUrlSchema,
  format: webhookFormatSchema.optional(),
  scope: subscriptionScopeSchema,
});

export interface AddedWebhookSubscriber {
  id: string;
  url: string;
  format: WebhookFormat;
  /** Shown once. */
  secret: string;
}

export async function addWebhookSubscriber(
  db: Db,
  actor: Actor,
  input: z.input<typeof addWebhookSubscriberInput>,
  deps: { now: Date; webhook: WebhookDeliveryOptions },
): Promise<AddedWebhookSubscriber> {
  if (!can(actor.role, "subscriber.manage")) throw new AppError("FORBIDDEN", "Only admins add webhook subscribers.");
  const { url, scope, format: chosen } = parseInput(addWebhookSubscriberInput, input);
  const format = chosen ?? defaultWebhookFormat(url);
  try {
    await resolveWebhookTarget(parseWebhookUrl(url), deps.webhook);
  } catch (error) {
    // A forbidden target never may be; a name that does not resolve today may tomorrow (deliveries check again).
    if (error instanceof WebhookRequestError && error.details.refused)
      throw new AppError("VALIDATION", `Webhooks cannot be sent to this URL: ${error.message}.`, {
        fields: { url: [`Not a URL webhooks may reach: ${error.message}.`] },
        cause: error,
      });
  }
  const secret = newWebhookSecret();
  return db.$transaction(async (tx) => {
    const existing = await tx.subscriber.findUnique({ where: { webhookUrl: url }, select: { id: true } });
    if (existing)
      throw new AppError("VALIDATION", "This URL is already a subscriber.", {
        fields: { url: ["This URL already receives webhooks."] },
      });
    const row = await tx.subscriber.create({
      data: {
        channel: "webhook",
        webhookUrl: url,
        webhookSecret: secret,
        webhookFormat: format,
        confirmedAt: deps.now,
      },
    });
    await writeScope(tx, row.id, scope);
    await recordAudit(tx, actor, {
      action: "subscriber.add_webhook",
      entityType: "Subscriber",
      entityId: row.id,
      after: { channel: "webhook", url, format, scope },
    });
    return { id: row.id, url, format, secret };
  });
}
