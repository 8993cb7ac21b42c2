// POST /subscribe?incident=… – "Get updates on this incident": one open public
// incident, until it resolves. The same double opt-in as every subscription:
// the confirmation link carries the incident, and confirming adds it (see
// confirm-subscription.ts). An active address keeps its scope and gains the
// incident; a new or lapsed one follows that incident alone. Same answer whatever the address's state.
import { z } from "zod";
import { renderConfirmEmail } from "../../emails/subscription-email.ts";
import type { Db, Prisma } from "../db.ts";
import { AppError } from "../errors.ts";
import { OPEN_PUBLIC_INCIDENT } from "../incidents/visibility.ts";
import type { SubscriptionMailer } from "../mail/immediate.ts";
import { absoluteUrl, type MailSettings, SITE_NAME } from "../mail/settings.ts";
import { type SubscribeLimits, takeAddressToken, takePendingToken } from "./rate-limits.ts";
import { writeScope } from "./scope.ts";
import { CONFIRM_TTL_MS, newConfirmToken } from "./tokens.ts";

export const incidentIdSchema = z.string().trim().min(1).max(40);

export const followIncidentInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter an email address such as name@example.com.").max(254, "That address is too long.")),
  incidentId: incidentIdSchema,
});

const RESOLVED =
  "This incident has resolved: there are no more updates to follow. Subscribe to its components instead.";

/** The open public incident a reader may follow, or null (unknown, not public, or resolved). */
export async function findFollowableIncident(
  db: Pick<Prisma.TransactionClient, "incident">,
  incidentId: string,
): Promise<{ id: string; title: string } | null> {
  const id = incidentIdSchema.safeParse(incidentId);
  if (!id.success) return null;
  return db.incident.findFirst({ where: { id: id.data, ...OPEN_PUBLIC_INCIDENT }, select: { id: true, title: true } });
}

export interface FollowDeps {
  now: Date;
  mail: MailSettings;
  mailer: SubscriptionMailer;
  limits: SubscribeLimits;
}

export async function requestIncidentFollow(
  db: Db,
  input: z.input<typeof followIncidentInput>,
  deps: FollowDeps,
): Promise<"confirmation_sent" | "address_limited"> {
  const { email, incidentId } = followIncidentInput.parse(input);
  const incident = await findFollowableIncident(db, incidentId);
  if (!incident) throw new AppError("VALIDATION", RESOLVED, { fields: { incident: [RESOLVED] } });
  if (!(await takeAddressToken(db, deps.limits, email, deps.now))) return "address_limited";

  await takePendingToken(db, deps.limits, deps.now);
  const { token, hash } = newConfirmToken();
  const expiresAt = new Date(deps.now.getTime() + CONFIRM_TTL_MS);
  await db.$transaction(async (tx) => {
    const existing = await tx.subscriber.findUnique({ where: { email } });
    const active = existing?.confirmedAt && !existing.unsubscribedAt && !existing.suppressedAt;
    const row = await tx.subscriber.upsert({
      where: { email },
      create: { email, scopeAll: false, confirmTokenHash: hash, confirmExpiresAt: expiresAt },
      update: { confirmTokenHash: hash, confirmExpiresAt: expiresAt },
    });
    // A lapsed address asked for this one incident, not for what it once chose.
    if (existing && !active)
      await writeScope(tx, row.id, { all: false, tier1Only: false, regionIds: [], componentIds: [] });
  });
  const confirmUrl = absoluteUrl(
    deps.mail,
    `/subscribe/confirm?token=${encodeURIComponent(token)}&incident=${encodeURIComponent(incident.id)}`,
  );
  try {
    await deps.mailer.send(
      email,
      renderConfirmEmail({
        siteName: deps.mail.siteName ?? SITE_NAME,
        confirmUrl,
        expiresAt: expiresAt.toISOString(),
        scopeDescription: `the incident “${incident.title}” until it resolves`,
      }),
    );
  } catch (error) {
    throw new AppError("UNAVAILABLE", "We could not send the email just now. Please try again in a few minutes.", {
      cause: error,
    });
  }
  return "confirmation_sent";
}

/** At confirmation, in its transaction: follow the incident if it is still open (a resolved one adds nothing). */
export async function followIncident(
  tx: Pick<Prisma.TransactionClient, "incident" | "subscriberIncident">,
  subscriberId: string,
  incidentId: string,
): Promise<boolean> {
  const incident = await findFollowableIncident(tx, incidentId);
  if (!incident) return false;
  await tx.subscriberIncident.upsert({
    where: { subscriberId_incidentId: { subscriberId, incidentId: incident.id } },
    create: { subscriberId, incidentId: incident.id },
    update: {},
  });
  return true;
}
