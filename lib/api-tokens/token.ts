// Personal API tokens: "bwt_" + 32 random bytes, shown once; only the
// SHA-256 is stored, so a leaked database does not leak a usable token.
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "bwt_";

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const API_TOKEN_VIEW_SELECT = {
  id: true,
  name: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;
