import { describe, expect, it } from "vitest";
import { evaluateJsonPath, parseJsonPath } from "./json-path.ts";

describe("parseJsonPath", () => {
  it("reads dotted keys and [n] indices", () => {
    expect(parseJsonPath("$")).toEqual([]);
    expect(parseJsonPath("$.status")).toEqual([{ key: "status" }]);
    expect(parseJsonPath("$.data.items[0].id")).toEqual([
      { key: "data" },
      { key: "items" },
      { index: 0 },
      { key: "id" },
    ]);
    expect(parseJsonPath("$[2][10]")).toEqual([{ index: 2 }, { index: 10 }]);
    expect(parseJsonPath("$.checks.db-primary")).toEqual([{ key: "checks" }, { key: "db-primary" }]);
  });

  it("refuses what it does not understand rather than guessing", () => {
    for (const path of ["", "status", "$.", "$..a", "$.a[", "$.a[x]", "$.a[-1]", "$[*]", "$.a[0]b", "$['a']"]) {
      expect(parseJsonPath(path), path).toBeNull();
    }
  });
});

describe("evaluateJsonPath", () => {
  const document = { status: "ok", count: 0, nothing: null, data: { items: [{ id: 7 }, { id: 8 }] } };

  it("finds values, including falsy ones", () => {
    expect(evaluateJsonPath(document, "$.status")).toEqual({ found: true, value: "ok" });
    expect(evaluateJsonPath(document, "$.count")).toEqual({ found: true, value: 0 });
    expect(evaluateJsonPath(document, "$.nothing")).toEqual({ found: true, value: null });
    expect(evaluateJsonPath(document, "$.data.items[1].id")).toEqual({ found: true, value: 8 });
    expect(evaluateJsonPath(document, "$")).toEqual({ found: true, value: document });
    expect(evaluateJsonPath([["a"]], "$[0][0]")).toEqual({ found: true, value: "a" });
  });

  it("reports missing paths as not found", () => {
    for (const path of [
      "$.missing",
      "$.data.items[2]",
      "$.status.length",
      "$.data.items.length",
      "$.data.items.0",
      "$.nothing.x",
      "$[0]",
    ]) {
      expect(evaluateJsonPath(document, path), path).toEqual({ found: false });
    }
  });

  it("does not walk into inherited properties", () => {
    expect(evaluateJsonPath({}, "$.constructor")).toEqual({ found: false });
    expect(evaluateJsonPath({ a: {} }, "$.a.toString")).toEqual({ found: false });
  });

  it("finds nothing on an invalid path", () => {
    expect(evaluateJsonPath(document, "status")).toEqual({ found: false });
  });
});
