import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { addMonths, assertMonthStarted, parseStatementMonth } from "./month.ts";

function fieldsOf(run: () => unknown): Record<string, string[]> | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).fields;
  }
  throw new Error("expected a BAD_REQUEST");
}

describe("statement months", () => {
  it("accepts YYYY-MM and names the field for anything else", () => {
    expect(parseStatementMonth("2026-11")).toBe("2026-11");
    expect(parseStatementMonth(" 2026-01 ")).toBe("2026-01");
    for (const bad of ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "", null, 202611]) {
      expect(Object.keys(fieldsOf(() => parseStatementMonth(bad)) ?? {})).toEqual(["month"]);
    }
  });

  it("refuses a month that has not started", () => {
    expect(() => assertMonthStarted("2026-11", new Date("2026-11-01T00:00:00Z"))).not.toThrow();
    expect(fieldsOf(() => assertMonthStarted("2026-12", new Date("2026-11-30T23:59:59Z")))?.month?.[0]).toMatch(
      /has not started/,
    );
  });

  it("steps across year ends", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
  });
});
