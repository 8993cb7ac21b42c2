// When a maintenance is in effect, the one definition: started and not yet
// completed (verifying still counts: the work is not signed off).
import type { Prisma } from "../db.ts";
import type { MaintenanceStatus } from "../generated/prisma/enums.ts";

export const ACTIVE_MAINTENANCE_STATUSES = ["in_progress", "verifying"] as const satisfies readonly MaintenanceStatus[];

export const ACTIVE_MAINTENANCE = {
  status: { in: [...ACTIVE_MAINTENANCE_STATUSES] },
} as const satisfies Prisma.MaintenanceWhereInput;
