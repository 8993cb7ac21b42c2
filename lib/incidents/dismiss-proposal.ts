// Dismiss a detected incident with a reason: it never becomes public.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { type IncidentDetail, loadIncidentDetail } from "./get-incident.ts";
import { auditState, claimIncidentWrite, openIncidentWrite } from "./incident-version.ts";

export const dismissProposalInput = z.object({
  incidentId: z.string().trim().min(1),
  expectedVersion: z.number().int().min(0),
  reason: z.string().trim().min(1, "Say why it is not an incident.").max(2_000),
});
export type DismissProposalInput = z.input<typeof dismissProposalInput>;

export async function dismissProposal(
  db: Db,
  actor: Actor,
  input: DismissProposalInput,
  options: { now?: Date } = {},
): Promise<IncidentDetail> {
  if (!can(actor.role, "incident.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins may dismiss detected incidents.");
  const data = parseInput(dismissProposalInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await openIncidentWrite(tx, data.incidentId, data.expectedVersion);
    if (before.review !== "proposed") {
      throw new AppError(
        "INVALID_TRANSITION",
        before.review === "approved"
          ? "This incident is already public; resolve it instead."
          : "This proposal is already dismissed.",
      );
    }
    await claimIncidentWrite(tx, data.incidentId, data.expectedVersion);
    // Looking at it and deciding counts as acknowledging it.
    await tx.incident.update({
      where: { id: data.incidentId },
      data: { review: "dismissed", dismissReason: data.reason, acknowledgedAt: before.acknowledgedAt ?? now },
    });
    const after = (await loadIncidentDetail(tx, data.incidentId))!;
    await recordAudit(tx, actor, {
      action: "incident.dismiss",
      entityType: "Incident",
      entityId: data.incidentId,
      before: auditState(before),
      after: auditState(after),
    });
    return after;
  });
}
