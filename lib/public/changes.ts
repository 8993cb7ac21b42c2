// Public snapshots (status page, /api/v2, feeds, badges) are rebuilt when
// something a reader can see changes. Writers announce it inside their
// transaction: PostgreSQL delivers a NOTIFY only when the transaction commits,
// so every replica's snapshot cache hears of committed changes, never of
// rolled-back ones.
import type { Prisma } from "../db.ts";

export const PUBLIC_CHANGE_CHANNEL = "bellwether_public_change";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

/** Call inside the transaction that changed a status, incident, maintenance or postmortem. */
export async function announcePublicChange(tx: Tx, what: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${what.slice(0, 200)})`;
}
