import { describe, expect, it } from "vitest";
import { can } from "./roles.ts";

describe("can", () => {
  it("lets engineers and admins change incidents, nobody else", () => {
    expect(can("ADMIN", "incident.write")).toBe(true);
    expect(can("ENGINEER", "incident.write")).toBe(true);
    expect(can("ACCOUNT_MANAGER", "incident.write")).toBe(false);
    expect(can("VIEWER", "incident.write")).toBe(false);
  });

  it("keeps user management and the audit trail to admins", () => {
    for (const role of ["ENGINEER", "ACCOUNT_MANAGER", "VIEWER"] as const) {
      expect(can(role, "user.manage")).toBe(false);
      expect(can(role, "audit.read")).toBe(false);
    }
    expect(can("ADMIN", "audit.read")).toBe(true);
  });

  it("lets every console role read SLA statements, and only admins and account managers change contracts", () => {
    for (const role of ["ADMIN", "ENGINEER", "ACCOUNT_MANAGER", "VIEWER"] as const)
      expect(can(role, "sla.read")).toBe(true);
    expect(can("ADMIN", "sla.manage")).toBe(true);
    expect(can("ACCOUNT_MANAGER", "sla.manage")).toBe(true);
    expect(can("ENGINEER", "sla.manage")).toBe(false);
    expect(can("VIEWER", "sla.manage")).toBe(false);
  });

  it("lets engineers and admins write and review postmortems; account managers and viewers only read them", () => {
    for (const permission of ["postmortem.write", "postmortem.review", "postmortem.publish"] as const) {
      expect(can("ADMIN", permission)).toBe(true);
      expect(can("ENGINEER", permission)).toBe(true);
      expect(can("ACCOUNT_MANAGER", permission)).toBe(false);
      expect(can("VIEWER", permission)).toBe(false);
    }
  });

  it("shows subscriber addresses to every role but viewers, and lets only admins remove or unsuppress", () => {
    for (const role of ["ADMIN", "ENGINEER", "ACCOUNT_MANAGER"] as const)
      expect(can(role, "subscriber.read")).toBe(true);
    expect(can("VIEWER", "subscriber.read")).toBe(false);
    expect(can("ADMIN", "subscriber.manage")).toBe(true);
    for (const role of ["ENGINEER", "ACCOUNT_MANAGER", "VIEWER"] as const)
      expect(can(role, "subscriber.manage")).toBe(false);
  });
});
