// A person makes a token for a billing system or a script. The token is
// returned once; afterwards only its name and last use can be seen.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { API_TOKEN_VIEW_SELECT, type ApiTokenView, hashApiToken, newApiToken } from "./token.ts";

export const createApiTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token, e.g. after the system that will use it.")
    .max(100, "At most 100 characters."),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

/** Tokens act with their owner's role; today they are accepted by the SLA statement API. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  input: CreateApiTokenInput,
): Promise<{ token: string; apiToken: ApiTokenView }> {
  if (!can(actor.role, "sla.read")) throw new AppError("FORBIDDEN", "Your role does not allow API tokens.");
  const data = parseInput(createApiTokenInput, input);
  const token = newApiToken();
  return db.$transaction(async (tx) => {
    const apiToken = await tx.apiToken.create({
      data: { userId: actor.id, name: data.name, tokenHash: hashApiToken(token) },
      select: API_TOKEN_VIEW_SELECT,
    });
    await recordAudit(tx, actor, {
      action: "api_token.create",
      entityType: "ApiToken",
      entityId: apiToken.id,
      after: { name: apiToken.name },
    });
    return { token, apiToken };
  });
}
