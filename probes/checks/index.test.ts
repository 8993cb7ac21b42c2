// runCheck's promises that need no server: it never throws, and cancellation,
// bad definitions and timeouts all come back as "down" with a reason.
import { describe, expect, it } from "vitest";
import { runCheck } from "./index.ts";
import type { CheckDefinition } from "./types.ts";

const base: CheckDefinition = {
  kind: "tcp",
  target: "127.0.0.1:9",
  method: "GET",
  headers: {},
  body: null,
  expectedStatus: null,
  assertions: [],
  timeoutMs: 1000,
  degradedAboveMs: 500,
  tlsWarnDays: 14,
};

describe("runCheck", () => {
  it("turns a bad target into a down result", async () => {
    expect(await runCheck({ ...base, target: "nope" })).toEqual({
      outcome: "down",
      latencyMs: null,
      statusCode: null,
      error: 'invalid target "nope", expected host:port',
    });
    expect((await runCheck({ ...base, kind: "http", target: "mailto:ops@example.com" })).error).toMatch(
      /expected an http\(s\) URL/,
    );
    expect((await runCheck({ ...base, kind: "dns", target: "not a name" })).error).toMatch(/expected a hostname/);
  });

  it("turns an unknown kind or a nonsense timeout into a down result", async () => {
    const unknownKind = { ...base, kind: "smtp" } as unknown as CheckDefinition;
    expect(await runCheck(unknownKind)).toMatchObject({ outcome: "down", error: 'unknown check kind "smtp"' });
    expect(await runCheck({ ...base, timeoutMs: 0 })).toMatchObject({ outcome: "down", error: "invalid timeout 0 ms" });
  });

  it("reports a cancelled check without running it", async () => {
    const controller = new AbortController();
    controller.abort();
    for (const kind of ["http", "tcp", "dns", "tls"] as const) {
      const target = kind === "http" ? "http://127.0.0.1:9/" : kind === "dns" ? "localhost" : "127.0.0.1:9";
      expect(await runCheck({ ...base, kind, target }, { signal: controller.signal }), kind).toMatchObject({
        outcome: "down",
        error: "check cancelled",
      });
    }
  });

  it("does not throw on a request fetch itself refuses", async () => {
    const result = await runCheck({ ...base, kind: "http", target: "http://127.0.0.1:9/", body: "x" });
    expect(result.outcome).toBe("down");
    expect(result.error).toMatch(/GET|HEAD|body/i);
  });
});
