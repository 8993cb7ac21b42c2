import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { parseRevisionParam, parseStatementFileName } from "./statement-download.ts";

describe("the statement URL's last segment", () => {
  it("reads the month and the format; a bare month is JSON", () => {
    expect(parseStatementFileName("2026-11.pdf")).toEqual({ month: "2026-11", format: "pdf" });
    expect(parseStatementFileName("2026-11.csv")).toEqual({ month: "2026-11", format: "csv" });
    expect(parseStatementFileName("2026-11")).toEqual({ month: "2026-11", format: "json" });
    expect(parseStatementFileName("2026-13.json")).toEqual({ month: "2026-13", format: "json" });
  });

  it("names the format or the revision when they are wrong", () => {
    expect(() => parseStatementFileName("2026-11.xlsx")).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST", fields: { format: expect.any(Array) } }),
    );
    expect(parseRevisionParam(null)).toBeUndefined();
    expect(parseRevisionParam("2")).toBe(2);
    for (const bad of ["0", "-1", "1.5", "two", ""]) {
      expect(() => parseRevisionParam(bad)).toThrow(AppError);
    }
  });
});
