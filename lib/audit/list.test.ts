import { describe, expect, it } from "vitest";
import { auditChanges, auditFilterInput } from "./list.ts";

describe("auditChanges", () => {
  it("lists only the fields that changed, old beside new", () => {
    expect(auditChanges({ role: "VIEWER", email: "v@x.io" }, { role: "ENGINEER", email: "v@x.io" })).toEqual([
      { field: "role", before: "VIEWER", after: "ENGINEER" },
    ]);
  });

  it("shows a created record's fields against a dash, and nested values as JSON", () => {
    expect(auditChanges(null, { title: "Checkout down", regions: ["us-central1.gcp"] })).toEqual([
      { field: "title", before: "—", after: "Checkout down" },
      { field: "regions", before: "—", after: '["us-central1.gcp"]' },
    ]);
  });
});

describe("auditFilterInput", () => {
  it("treats empty filter fields as no filter", () => {
    expect(auditFilterInput.parse({ actor: "", action: " ", from: "" })).toEqual({
      actor: undefined,
      action: undefined,
      entityType: undefined,
      entityId: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it("names a malformed date", () => {
    const result = auditFilterInput.safeParse({ from: "22/11/2026" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["from"]);
  });
});
