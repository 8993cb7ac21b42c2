// /subscribe/manage and the unsubscribe links: everything a subscriber can do
// with the signed links in their emails. A manage link may change the scope or
// unsubscribe; an unsubscribe link may only unsubscribe.
import { subscriberAddress } from "./address.ts";
import { z } from "zod";
import type { Db } from "../db.ts";
import type { SubscriberScope } from "../domain/scoping.ts";
import { AppError } from "../errors.ts";
import { OPEN_PUBLIC_INCIDENT } from "../incidents/visibility.ts";
import { scopeOf, subscriptionScopeSchema, writeScope } from "./scope.ts";
import { type LinkPurpose, subscriberIdOfLink, verifySubscriberLink } from "./tokens.ts";

export interface ManagedSubscription {
  id: string;
  email: string;
  scope: SubscriberScope;
  unsubscribedAt: Date | null;
  /** Mail to it bounced; it must subscribe (and confirm) again. */
  suppressedAt: Date | null;
  /** Open incidents it follows on their own ("get updates on this incident"), each until it resolves. */
  following: { id: string; title: string }[];
}

const INVALID_LINK = "This link is not valid any more. Use the link in the latest email from us, or subscribe again.";

const tokenSchema = z.string().trim().min(1).max(200);

export async function findSubscriptionByLink(
  db: Db,
  secret: string,
  purpose: LinkPurpose,
  token: string,
): Promise<ManagedSubscription | null> {
  const id = subscriberIdOfLink(token);
  if (!id) return null;
  const row = await db.subscriber.findUnique({
    where: { id },
    include: {
      regions: true,
      components: true,
      incidents: {
        where: { incident: OPEN_PUBLIC_INCIDENT },
        select: { incident: { select: { id: true, title: true } } },
      },
    },
  });
  if (!row || !verifySubscriberLink(secret, purpose, token, row)) return null;
  return {
    id: row.id,
    email: subscriberAddress(row),
    scope: scopeOf(row),
    unsubscribedAt: row.unsubscribedAt,
    suppressedAt: row.suppressedAt,
    following: row.incidents.map((i) => i.incident),
  };
}

async function requireSubscription(
  db: Db,
  secret: string,
  purpose: LinkPurpose,
  token: unknown,
): Promise<ManagedSubscription> {
  const found = await findSubscriptionByLink(db, secret, purpose, tokenSchema.parse(token));
  if (!found) throw new AppError("NOT_FOUND", INVALID_LINK);
  return found;
}

export const changeSubscriptionInput = z.object({ token: tokenSchema, scope: subscriptionScopeSchema });

/** Saves a new scope; on an unsubscribed (not bounced) subscription it also subscribes again — the link proves the mailbox. */
export async function changeSubscription(
  db: Db,
  secret: string,
  input: z.input<typeof changeSubscriptionInput>,
): Promise<ManagedSubscription> {
  const { token, scope } = changeSubscriptionInput.parse(input);
  const current = await requireSubscription(db, secret, "manage", token);
  if (current.suppressedAt)
    throw new AppError("CONFLICT", "Emails to this address bounced. Subscribe again to confirm that it works.");
  await db.$transaction(async (tx) => {
    await writeScope(tx, current.id, scope);
    if (current.unsubscribedAt)
      await tx.subscriber.update({ where: { id: current.id }, data: { unsubscribedAt: null } });
  });
  return { ...current, scope, unsubscribedAt: null };
}

export const unsubscribeInput = z.object({
  token: tokenSchema,
  purpose: z.enum(["manage", "unsubscribe"]).default("unsubscribe"),
});

/** Idempotent: unsubscribing twice keeps the first time. */
export async function unsubscribe(
  db: Db,
  secret: string,
  input: z.input<typeof unsubscribeInput>,
  now: Date,
): Promise<{ email: string }> {
  const { token, purpose } = unsubscribeInput.parse(input);
  const current = await requireSubscription(db, secret, purpose, token);
  await db.subscriber.updateMany({ where: { id: current.id, unsubscribedAt: null }, data: { unsubscribedAt: now } });
  return { email: current.email };
}
