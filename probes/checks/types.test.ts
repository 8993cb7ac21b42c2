import { describe, expect, it } from "vitest";
import { assertionsSchema, type CheckDefinition, checkDefinitionSchema } from "./types.ts";

const definition: CheckDefinition = {
  kind: "http",
  target: "https://api.example.com/health",
  method: "GET",
  headers: { accept: "application/json" },
  body: null,
  expectedStatus: null,
  assertions: [],
  timeoutMs: 5000,
  degradedAboveMs: 1000,
  tlsWarnDays: 14,
};

describe("assertionsSchema", () => {
  it("accepts body_contains and json_path assertions", () => {
    const assertions = [
      { type: "body_contains", value: "ok" },
      { type: "json_path", path: "$.data.items[0].id", equals: 7 },
      { type: "json_path", path: "$.error", exists: false },
      { type: "json_path", path: "$.maintenance", equals: null },
    ];
    expect(assertionsSchema.parse(assertions)).toEqual(assertions);
  });

  it("rejects unknown types, paths the evaluator cannot follow, and contradictions", () => {
    expect(assertionsSchema.safeParse([{ type: "regex", value: "x" }]).success).toBe(false);
    expect(assertionsSchema.safeParse([{ type: "json_path", path: "status" }]).success).toBe(false);
    expect(assertionsSchema.safeParse([{ type: "json_path", path: "$..status" }]).success).toBe(false);
    expect(assertionsSchema.safeParse([{ type: "json_path", path: "$.a", equals: { b: 1 } }]).success).toBe(false);
    expect(assertionsSchema.safeParse([{ type: "json_path", path: "$.a", equals: 1, exists: false }]).success).toBe(
      false,
    );
    expect(assertionsSchema.safeParse([{ type: "body_contains", value: "" }]).success).toBe(false);
  });
});

describe("checkDefinitionSchema", () => {
  it("accepts a well-formed probe of each kind", () => {
    expect(checkDefinitionSchema.parse(definition)).toEqual(definition);
    for (const [kind, target] of [
      ["tcp", "db.internal:5432"],
      ["tls", "api.example.com:443"],
      ["dns", "api.example.com"],
    ] as const) {
      expect(checkDefinitionSchema.safeParse({ ...definition, kind, target }).success, kind).toBe(true);
    }
  });

  it("checks the target against the kind, naming the field", () => {
    const result = checkDefinitionSchema.safeParse({ ...definition, kind: "tcp", target: "https://api.example.com" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["target"],
      message: 'invalid target "https://api.example.com", expected host:port',
    });
    expect(checkDefinitionSchema.safeParse({ ...definition, kind: "dns", target: "10.0.0.1" }).success).toBe(false);
  });

  it("rejects headers that are not strings and timeouts that are not positive", () => {
    expect(checkDefinitionSchema.safeParse({ ...definition, headers: { "x-n": 1 } }).success).toBe(false);
    expect(checkDefinitionSchema.safeParse({ ...definition, timeoutMs: 0 }).success).toBe(false);
  });
});
