// Finding 11: safeReturn accepted /admin/../..//evil.example — a string that
// starts with /admin but leaves it once resolved. Now the pathname is checked
// after parsing, and what comes back is the parsed, normalised path.
import { describe, expect, it } from "vitest";
import { safeReturn } from "../../lib/session/safe-return.ts";

describe("where sign-in returns to", () => {
  it("is a console path on this site, checked after the address is resolved", () => {
    for (const hostile of [
      "/admin/../..//evil.example",
      "/admin/../../evil.example",
      "/admin/%2e%2e/%2e%2e//evil.example",
      "/admin/..%2f..%2f/evil.example/",
      "/administrator",
      "/admin\\@evil.example",
      "//evil.example/admin",
      "https://evil.example/admin",
      "/\\evil.example/admin",
      "javascript:alert(1)//admin",
    ]) {
      const target = safeReturn(hostile);
      expect(target, hostile).toMatch(/^\/admin(\/|$|\?)/);
      expect(new URL(target, "https://status.example.test").origin, hostile).toBe("https://status.example.test");
      expect(new URL(target, "https://status.example.test").pathname, hostile).toMatch(/^\/admin(\/|$)/);
    }
    expect(safeReturn("/admin/../..//evil.example")).toBe("/admin");
  });

  it("keeps a real console address with its query", () => {
    expect(safeReturn("/admin/incidents?status=open")).toBe("/admin/incidents?status=open");
    expect(safeReturn("/admin")).toBe("/admin");
    expect(safeReturn("/admin/incidents/../audit")).toBe("/admin/audit");
    expect(safeReturn(undefined)).toBe("/admin");
    expect(safeReturn(["/admin/audit", "/admin/users"])).toBe("/admin");
  });
});
