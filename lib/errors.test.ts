import "./observability/log.ts";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, ERROR_CODES, errorResponse } from "./errors.ts";

describe("errorResponse", () => {
  it("maps each code to its HTTP status", () => {
    expect(ERROR_CODES).toEqual({
      BAD_REQUEST: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      INVALID_TRANSITION: 409,
      PAYLOAD_TOO_LARGE: 413,
      VALIDATION: 422,
      RATE_LIMITED: 429,
      INTERNAL: 500,
      UNAVAILABLE: 503,
    });
    expect(errorResponse(new AppError("FORBIDDEN", "Engineers only.")).status).toBe(403);
  });

  it("turns a zod error into a 422 with messages per field", () => {
    const parsed = z
      .object({ title: z.string().min(3), impact: z.enum(["minor", "major"]) })
      .safeParse({ title: "x", impact: "huge" });
    const { status, body } = errorResponse(parsed.error);
    expect(status).toBe(422);
    expect(Object.keys(body.error.fields ?? {})).toEqual(["title", "impact"]);
  });

  it("maps Prisma's unique and not-found errors", () => {
    expect(errorResponse(Object.assign(new Error("Unique constraint failed"), { code: "P2002" })).status).toBe(409);
    expect(errorResponse(Object.assign(new Error("Record not found"), { code: "P2025" })).status).toBe(404);
  });

  it("hides anything unknown behind a generic 500 and logs it", () => {
    const lines: string[] = [];
    const log = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const { status, body } = errorResponse(
      new TypeError("Cannot read properties of undefined (reading 'id') at /srv/app.js:1:2"),
    );
    log.mockRestore();
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/undefined|srv|TypeError/);
    // The log line has what the user was not shown: the error, its type and stack.
    const line = JSON.parse(lines.find((l) => l.includes("TypeError"))!);
    expect(line).toMatchObject({ level: "error", err: { type: "TypeError" } });
    expect(line.err.stack).toContain("errors.test.ts");
  });
});
