// GET/POST /subscribe/confirm – the link from the confirmation email. The page
// asks for one click before confirming (mail scanners follow links too); the
// token works once, until it expires.
import { subscriberAddress } from "./address.ts";
import { z } from "zod";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { followIncident, incidentIdSchema } from "./follow-incident.ts";
import { hashToken } from "./tokens.ts";

export const confirmSubscriptionInput = z.object({
  token: z.string().trim().min(20).max(200),
  /** From a "get updates on this incident" link: follow it once confirmed. */
  incidentId: incidentIdSchema.optional(),
});

const INVALID = "This confirmation link has expired or has already been used. Subscribe again to get a new one.";

/** What the confirm page shows before the click: the address, or null when the link is no good. */
export async function findPendingConfirmation(db: Db, token: string, now: Date): Promise<{ email: string } | null> {
  const parsed = confirmSubscriptionInput.safeParse({ token });
  if (!parsed.success) return null;
  const row = await db.subscriber.findUnique({
    where: { confirmTokenHash: hashToken(parsed.data.token) },
    select: { email: true, webhookUrl: true, confirmExpiresAt: true },
  });
  return row?.confirmExpiresAt && row.confirmExpiresAt > now ? { email: subscriberAddress(row) } : null;
}

export async function confirmSubscription(
  db: Db,
  input: z.input<typeof confirmSubscriptionInput>,
  now: Date,
): Promise<{ subscriberId: string; email: string; confirmedAt: Date }> {
  const { token, incidentId } = confirmSubscriptionInput.parse(input);
  const hash = hashToken(token);
  return db.$transaction(async (tx) => {
    const row = await tx.subscriber.findUnique({
      where: { confirmTokenHash: hash },
      select: { id: true, email: true, webhookUrl: true, confirmExpiresAt: true },
    });
    if (!row?.confirmExpiresAt || row.confirmExpiresAt <= now) throw new AppError("NOT_FOUND", INVALID);
    // Conditional on the token, so two clicks at once confirm once.
    const claimed = await tx.subscriber.updateMany({
      where: { id: row.id, confirmTokenHash: hash },
      data: {
        confirmTokenHash: null,
        confirmExpiresAt: null,
        confirmedAt: now,
        unsubscribedAt: null,
        suppressedAt: null,
        suppressReason: null,
      },
    });
    if (claimed.count !== 1) throw new AppError("NOT_FOUND", INVALID);
    if (incidentId) await followIncident(tx, row.id, incidentId);
    return { subscriberId: row.id, email: subscriberAddress(row), confirmedAt: now };
  });
}
