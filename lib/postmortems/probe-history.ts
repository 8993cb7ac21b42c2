// One ComponentRegion's confirmed (probe) status history over a window, in the
// shape lib/domain/uptime.ts and lib/domain/sla.ts take.
import type { Prisma } from "../db.ts";
import type { StatusPoint, TimeWindow } from "../domain/uptime.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";

type Tx = Pick<Prisma.TransactionClient, "statusChange">;

/** The confirmed (probe) history of one ComponentRegion over a window: the status in force at its start, then each change. */
export async function probeHistory(
  tx: Tx,
  componentRegionId: string,
  window: TimeWindow,
): Promise<{ initial: ComponentStatus | null; history: StatusPoint[] }> {
  const [before, changes] = await Promise.all([
    tx.statusChange.findFirst({
      where: { componentRegionId, source: "probes", at: { lte: window.from } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { toStatus: true },
    }),
    tx.statusChange.findMany({
      where: { componentRegionId, source: "probes", at: { gt: window.from, lt: window.to } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { at: true, toStatus: true },
    }),
  ]);
  return { initial: before?.toStatus ?? null, history: changes.map((c) => ({ at: c.at, status: c.toStatus })) };
}
