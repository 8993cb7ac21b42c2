// Revoking stops a token at once. People revoke their own; an admin may
// revoke anyone's (a leaked token of someone on holiday).
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { API_TOKEN_VIEW_SELECT, type ApiTokenView } from "./token.ts";

export const revokeApiTokenInput = z.object({ tokenId: z.string().trim().min(1) });
export type RevokeApiTokenInput = z.input<typeof revokeApiTokenInput>;

export async function revokeApiToken(
  db: Db,
  actor: Actor,
  input: RevokeApiTokenInput,
  options: { now?: Date } = {},
): Promise<ApiTokenView> {
  const { tokenId } = parseInput(revokeApiTokenInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { ...API_TOKEN_VIEW_SELECT, userId: true },
    });
    if (!token || (token.userId !== actor.id && actor.role !== "ADMIN"))
      throw new AppError("NOT_FOUND", "There is no such token.");
    if (token.revokedAt) throw new AppError("INVALID_TRANSITION", "This token is already revoked.");
    const revoked = await tx.apiToken.update({
      where: { id: tokenId },
      data: { revokedAt: now },
      select: API_TOKEN_VIEW_SELECT,
    });
    await recordAudit(tx, actor, {
      action: "api_token.revoke",
      entityType: "ApiToken",
      entityId: tokenId,
      before: { name: token.name, userId: token.userId },
      after: { revokedAt: now },
    });
    return revoked;
  });
}
