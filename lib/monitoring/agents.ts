// Probe agents: one per vantage region, each with its own token. Only the
// token's SHA-256 is stored; the token itself is shown once, when made.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";

const TOKEN_PREFIX = "bwa_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface AuthenticatedAgent {
  id: string;
  name: string;
  regionId: string;
  regionKey: string;
}

export const createAgentSchema = z.object({
  name: z.string().trim().min(1).max(100),
  regionKey: z.string().trim().min(1).max(100),
});

/** Creates an agent for a vantage region; returns the token, which is not stored. */
export async function createAgent(
  db: Db,
  input: z.input<typeof createAgentSchema>,
): Promise<{ agent: AuthenticatedAgent; token: string }> {
  const { name, regionKey } = createAgentSchema.parse(input);
  const region = await db.region.findUnique({ where: { key: regionKey } });
  if (!region) throw new AppError("NOT_FOUND", `No region ${regionKey}.`);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const agent = await db.probeAgent.create({ data: { name, regionId: region.id, tokenHash: hashToken(token) } });
  return { agent: { id: agent.id, name: agent.name, regionId: region.id, regionKey: region.key }, token };
}

/** Gives an existing agent a new token (the old one stops working at once). */
export async function rotateAgentToken(db: Db, name: string): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const updated = await db.probeAgent.updateMany({
    where: { name, revokedAt: null },
    data: { tokenHash: hashToken(token) },
  });
  if (updated.count === 0) throw new AppError("NOT_FOUND", `No active agent named ${name}.`);
  return token;
}

export async function revokeAgent(db: Db, name: string, now: Date): Promise<void> {
  const { count } = await db.probeAgent.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) throw new AppError("NOT_FOUND", `No active agent named ${name}.`);
}

export async function listAgents(db: Db) {
  return db.probeAgent.findMany({ include: { region: { select: { key: true } } }, orderBy: { name: "asc" } });
}

/** The agent behind an `Authorization: Bearer …` header, or UNAUTHENTICATED. */
export async function authenticateAgent(db: Db, authorization: string | null, now: Date): Promise<AuthenticatedAgent> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token?.startsWith(TOKEN_PREFIX))
    throw new AppError("UNAUTHENTICATED", "A probe agent token is required: Authorization: Bearer bwa_…");
  const agent = await db.probeAgent.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { region: { select: { key: true } } },
  });
  if (!agent || agent.revokedAt) throw new AppError("UNAUTHENTICATED", "This probe agent token is not valid.");
  // At most one write a minute per agent for lastSeenAt.
  if (!agent.lastSeenAt || now.getTime() - agent.lastSeenAt.getTime() > 60_000) {
    await db.probeAgent.update({ where: { id: agent.id }, data: { lastSeenAt: now } });
  }
  return { id: agent.id, name: agent.name, regionId: agent.regionId, regionKey: agent.region.key };
}

/**
 * A batch from this agent was stored: when, and what it said it still buffers
 * (the X-Bellwether-Buffered header; absent or malformed counts as unknown).
 */
export async function recordAgentPush(db: Db, agentId: string, at: Date, bufferedHeader: string | null): Promise<void> {
  const buffered = bufferedHeader !== null && /^\d{1,9}$/.test(bufferedHeader.trim()) ? Number(bufferedHeader) : null;
  await db.$executeRaw`
    UPDATE "ProbeAgent" SET "lastPushAt" = GREATEST("lastPushAt", ${at}::timestamp(3)), "bufferedResults" = ${buffered}
     WHERE "id" = ${agentId}`;
}
