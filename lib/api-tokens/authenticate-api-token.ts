// The person behind `Authorization: Bearer bwt_…`: a live token of an
// enabled user, acting with that user's role.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { API_TOKEN_PREFIX, hashApiToken } from "./token.ts";

/** lastUsedAt is written at most once a minute per token: a billing run must not turn reads into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function bearerToken(authorization: string | null): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

export async function authenticateApiToken(
  db: Db,
  authorization: string | null,
  now = new Date(),
): Promise<Actor & { tokenId: string }> {
  const token = bearerToken(authorization);
  if (!token?.startsWith(API_TOKEN_PREFIX))
    throw new AppError("UNAUTHENTICATED", "A personal API token is required: Authorization: Bearer bwt_…");
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, role: true, disabledAt: true } },
    },
  });
  if (!row || row.revokedAt || row.user.disabledAt)
    throw new AppError("UNAUTHENTICATED", "This API token is not valid or has been revoked.");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so two concurrent requests write once.
    await db.apiToken.updateMany({
      where: {
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return { id: row.user.id, email: row.user.email, role: row.user.role, tokenId: row.id };
}
