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

  it("gives SLA reports to account managers but not engineers", () => {
    expect(can("ACCOUNT_MANAGER", "sla.report")).toBe(true);
    expect(can("ENGINEER", "sla.report")).toBe(false);
  });
});
