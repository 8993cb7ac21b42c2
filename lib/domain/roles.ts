// Who may do what. Pure: the console, route handlers and server actions all
// ask `can` (through lib/auth's guards) so one table decides.
import type { Role } from "../generated/prisma/enums.ts";

export type { Role };

/** The signed-in person a change is attributed to. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
}

export type Permission =
  | "console.read"
  | "incident.write"
  | "maintenance.write"
  | "postmortem.write"
  | "postmortem.review"
  | "postmortem.publish"
  | "subscriber.read"
  | "subscriber.manage"
  | "sla.read"
  | "sla.manage"
  | "user.manage"
  | "audit.read";

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  ADMIN: [
    "console.read",
    "incident.write",
    "maintenance.write",
    "postmortem.write",
    "postmortem.review",
    "postmortem.publish",
    "subscriber.read",
    "subscriber.manage",
    "sla.read",
    "sla.manage",
    "user.manage",
    "audit.read",
  ],
  ENGINEER: [
    "console.read",
    "incident.write",
    "maintenance.write",
    "postmortem.write",
    "postmortem.review",
    "postmortem.publish",
    "subscriber.read",
    "sla.read",
  ],
  ACCOUNT_MANAGER: ["console.read", "sla.read", "sla.manage", "subscriber.read"],
  VIEWER: ["console.read", "sla.read"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  ADMIN: "Admin",
  ENGINEER: "Engineer",
  ACCOUNT_MANAGER: "Account manager",
  VIEWER: "Viewer",
};
