// POST /subscribe – someone asks for status emails. Whatever the address's
// state, the answer is the same ("check your inbox"): a new or lapsed address
// gets a confirmation link, an active one gets its manage link instead, and an
// address over its rate limit gets nothing. Nobody learns who is subscribed.
import { z } from "zod";
import { renderAlreadySubscribedEmail, renderConfirmEmail } from "../../emails/subscription-email.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { SubscriptionMailer } from "../mail/immediate.ts";
import { absoluteUrl, type MailSettings, SITE_NAME } from "../mail/settings.ts";
import { subscriberLinks } from "./links.ts";
import { type SubscribeLimits, takeAddressToken, takePendingToken } from "./rate-limits.ts";
import { describeScope, getSubscriptionChoices, subscriptionScopeSchema, writeScope } from "./scope.ts";
import { CONFIRM_TTL_MS, newConfirmToken } from "./tokens.ts";

export const requestSubscriptionInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter an email address such as name@example.com.").max(254, "That address is too long.")),
  scope: subscriptionScopeSchema,
});

/** For logs and tests only: the public answer never depends on it. */
export type RequestOutcome = "confirmation_sent" | "manage_link_sent" | "address_limited";

export interface RequestDeps {
  now: Date;
  mail: MailSettings;
  mailer: SubscriptionMailer;
  limits: SubscribeLimits;
}

export async function requestSubscription(
  db: Db,
  input: z.input<typeof requestSubscriptionInput>,
  deps: RequestDeps,
): Promise<RequestOutcome> {
  const { email, scope } = requestSubscriptionInput.parse(input);
  // Checked before any write, so that flooding an address cannot even rotate its pending link.
  if (!(await takeAddressToken(db, deps.limits, email, deps.now))) return "address_limited";

  const siteName = deps.mail.siteName ?? SITE_NAME;
  const existing = await db.subscriber.findUnique({ where: { email } });
  if (existing?.confirmedAt && !existing.unsubscribedAt && !existing.suppressedAt) {
    const links = subscriberLinks(deps.mail, { id: existing.id, confirmedAt: existing.confirmedAt });
    await deliver(
      deps,
      email,
      renderAlreadySubscribedEmail({ siteName, manageUrl: links.manageUrl, unsubscribeUrl: links.unsubscribeUrl }),
    );
    return "manage_link_sent";
  }

  // Only new pending subscriptions draw on the global cap: it bounds mail to strangers, whoever asks.
  await takePendingToken(db, deps.limits, deps.now);
  const { token, hash } = newConfirmToken();
  const expiresAt = new Date(deps.now.getTime() + CONFIRM_TTL_MS);
  await db.$transaction(async (tx) => {
    // A lapsed address (unsubscribed, bounced) keeps its row and stays silent until it confirms again.
    const row = await tx.subscriber.upsert({
      where: { email },
      create: { email, confirmTokenHash: hash, confirmExpiresAt: expiresAt },
      update: { confirmTokenHash: hash, confirmExpiresAt: expiresAt },
    });
    await writeScope(tx, row.id, scope);
  });
  const scopeDescription = describeScope(scope, await getSubscriptionChoices(db));
  const confirmUrl = absoluteUrl(deps.mail, `/subscribe/confirm?token=${encodeURIComponent(token)}`);
  await deliver(
    deps,
    email,
    renderConfirmEmail({ siteName, confirmUrl, expiresAt: expiresAt.toISOString(), scopeDescription }),
  );
  return "confirmation_sent";
}

async function deliver(deps: RequestDeps, to: string, email: Parameters<SubscriptionMailer["send"]>[1]): Promise<void> {
  try {
    await deps.mailer.send(to, email);
  } catch (error) {
    throw new AppError("UNAVAILABLE", "We could not send the email just now. Please try again in a few minutes.", {
      cause: error,
    });
  }
}
