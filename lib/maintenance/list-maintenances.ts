// The console's maintenance lists: upcoming, active (in progress or being
// verified), completed. Tier-1 work first, then by start.
import { z } from "zod";
import type { Db, Prisma } from "../db.ts";
import { compareTier } from "../domain/priority.ts";
import { parseInput } from "../parse-input.ts";
import { type MaintenanceDetail, maintenanceDetailInclude, toMaintenanceDetail } from "./get-maintenance.ts";
import { ACTIVE_MAINTENANCE } from "./visibility.ts";

export const MAINTENANCE_LIST_STATES = ["upcoming", "active", "completed", "all"] as const;
export const listMaintenancesInput = z.object({
  state: z.enum(MAINTENANCE_LIST_STATES).default("upcoming"),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type ListMaintenancesInput = z.input<typeof listMaintenancesInput>;

const WHERE: Readonly<Record<(typeof MAINTENANCE_LIST_STATES)[number], Prisma.MaintenanceWhereInput>> = {
  upcoming: { status: "scheduled" },
  active: ACTIVE_MAINTENANCE,
  completed: { status: "completed" },
  all: {},
};

export async function listMaintenances(db: Db, input: ListMaintenancesInput = {}): Promise<MaintenanceDetail[]> {
  const { state, limit } = parseInput(listMaintenancesInput, input);
  const rows = await db.maintenance.findMany({
    where: WHERE[state],
    orderBy: { scheduledStart: state === "completed" ? "desc" : "asc" },
    take: limit,
    include: maintenanceDetailInclude,
  });
  // Rows come in start order; a stable sort by tier keeps it within each tier.
  return rows.map(toMaintenanceDetail).sort((a, b) => compareTier(a.tier, b.tier));
}
