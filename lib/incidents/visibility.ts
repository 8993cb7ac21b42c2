// Which incidents readers see, the one definition: a detected incident is a
// proposal until an engineer approves it, and a dismissed one never happened
// as far as readers are concerned.
import type { Prisma } from "../db.ts";

export const PUBLIC_INCIDENT = { review: "approved" } as const satisfies Prisma.IncidentWhereInput;

/** Public and not yet resolved: what the page shows as open and what detection must not duplicate. */
export const OPEN_PUBLIC_INCIDENT = {
  review: "approved",
  status: { not: "resolved" },
} as const satisfies Prisma.IncidentWhereInput;
