// The people and the customer the demo starts with: one user per role (two
// engineers), and one customer whose contract an account manager can report on.
// lib/seed/demo-customers.ts adds the customers whose contracts show the SLA rules.
import type { Role } from "../generated/prisma/enums.ts";

export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@bellwether.test", name: "Ada Admin", role: "ADMIN" },
  { email: "engineer@bellwether.test", name: "Eli Engineer", role: "ENGINEER" },
  // A second engineer: postmortems need a reviewer who is not their author.
  { email: "oncall@bellwether.test", name: "Omar On-call", role: "ENGINEER" },
  { email: "account.manager@bellwether.test", name: "Amara Account-Manager", role: "ACCOUNT_MANAGER" },
  { email: "viewer@bellwether.test", name: "Vic Viewer", role: "VIEWER" },
];

export const DEMO_CUSTOMER = {
  key: "northwind-retail",
  name: "Northwind Retail",
  contract: {
    name: "Enterprise 2026",
    startsOn: new Date("2026-01-01T00:00:00Z"),
    slaTargetPercent: "99.9",
    partialOutageWeight: "0.5",
    degradedWeight: "0",
    creditTiers: [
      { belowPercent: 99.9, creditPercent: 10 },
      { belowPercent: 99.0, creditPercent: 25 },
      { belowPercent: 95.0, creditPercent: 50 },
    ],
    regions: ["europe-west1.gcp", "eu-central-1.aws"],
    products: ["composable-commerce", "checkout"],
  },
} as const;
