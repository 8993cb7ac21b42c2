import { describe, expect, it } from "vitest";
import { assertionFailure, jsonPathFailure } from "./assertions.ts";

const body = (text: string, truncated = false) => ({ text, truncated });
const health = JSON.stringify({ status: "degraded", version: 3, ready: true, data: { items: [{ id: "a1" }] } });

describe("assertionFailure", () => {
  it("passes when there is nothing to assert", () => {
    expect(assertionFailure([], body("anything"))).toBeNull();
  });

  it("checks that the body contains a text", () => {
    expect(assertionFailure([{ type: "body_contains", value: "degraded" }], body(health))).toBeNull();
    expect(assertionFailure([{ type: "body_contains", value: "ok" }], body("<h1>error</h1>"))).toBe(
      'body does not contain "ok"',
    );
  });

  it("reports the first failing assertion only", () => {
    const failure = assertionFailure(
      [
        { type: "json_path", path: "$.version", equals: 3 },
        { type: "json_path", path: "$.status", equals: "ok" },
        { type: "body_contains", value: "nope" },
      ],
      body(health),
    );
    expect(failure).toBe('$.status is "degraded", expected "ok"');
  });

  it("says when a JSON assertion meets a body that is not JSON, and why it might not be", () => {
    const assertions = [{ type: "json_path", path: "$.status" }] as const;
    expect(assertionFailure(assertions, body("<html>"))).toBe("body is not JSON");
    expect(assertionFailure(assertions, body('{"status":', true))).toBe(
      "body is not JSON (only its first 1 MB was read)",
    );
  });
});

describe("jsonPathFailure", () => {
  const document = JSON.parse(health) as unknown;

  it('compares with strict equality, so 3 is not "3"', () => {
    expect(jsonPathFailure({ type: "json_path", path: "$.version", equals: 3 }, document)).toBeNull();
    expect(jsonPathFailure({ type: "json_path", path: "$.version", equals: "3" }, document)).toBe(
      '$.version is 3, expected "3"',
    );
    expect(jsonPathFailure({ type: "json_path", path: "$.ready", equals: true }, document)).toBeNull();
    expect(jsonPathFailure({ type: "json_path", path: "$.data.items[0].id", equals: "a1" }, document)).toBeNull();
    expect(jsonPathFailure({ type: "json_path", path: "$.data", equals: null }, document)).toBe(
      '$.data is {"items":[{"id":"a1"}]}, expected null',
    );
  });

  it("requires the path to exist by default", () => {
    expect(jsonPathFailure({ type: "json_path", path: "$.status" }, document)).toBeNull();
    expect(jsonPathFailure({ type: "json_path", path: "$.uptime" }, document)).toBe("$.uptime is missing");
    expect(jsonPathFailure({ type: "json_path", path: "$.uptime", equals: 1 }, document)).toBe(
      "$.uptime is missing, expected 1",
    );
    expect(jsonPathFailure({ type: "json_path", path: "$.uptime", exists: true }, document)).toBe(
      "$.uptime is missing",
    );
  });

  it("can require a path to be absent", () => {
    expect(jsonPathFailure({ type: "json_path", path: "$.error", exists: false }, document)).toBeNull();
    expect(jsonPathFailure({ type: "json_path", path: "$.status", exists: false }, document)).toBe(
      '$.status is "degraded", expected it to be absent',
    );
  });

  it("keeps long values short", () => {
    const failure = jsonPathFailure({ type: "json_path", path: "$.text", equals: "ok" }, { text: "x".repeat(500) });
    expect(failure!.length).toBeLessThan(100);
    expect(failure).toMatch(/…, expected "ok"$/);
  });
});
