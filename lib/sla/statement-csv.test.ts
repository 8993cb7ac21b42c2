import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../tests/support/csv.ts";
import { csvCell, csvRow, neutraliseCell, STATEMENT_CSV_COLUMNS, statementCsv } from "./statement-csv.ts";
import { sampleStatement } from "./sample-statement.ts";

describe("CSV cells (RFC 4180)", () => {
  it("quotes cells holding a comma, a quote, CR or LF, doubling the quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(99.5)).toBe("99.5");
    expect(csvCell(false)).toBe("false");
    expect(csvRow(["a", "b"])).toBe("a,b\r\n");
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutraliseCell(cell)).toBe(`'${cell}`);
    expect(neutraliseCell("Checkout")).toBe("Checkout");
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
  });

  it("reads back exactly what was written, for any text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const text = rows.map((row) => csvRow(row)).join("");
          expect(parseCsv(text)).toEqual(rows.map((row) => row.map(neutraliseCell)));
        },
      ),
    );
  });
});

describe("a statement as CSV", () => {
  it("has a header, one row per component-region and a summary row with the contract's figures", () => {
    const statement = sampleStatement();
    const rows = parseCsv(statementCsv(statement));
    expect(rows[0]).toEqual([...STATEMENT_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + statement.componentRegions.length + 1);
    const column = (name: (typeof STATEMENT_CSV_COLUMNS)[number]) => STATEMENT_CSV_COLUMNS.indexOf(name);
    expect(rows[1]![column("component")]).toBe("Checkout");
    expect(rows[1]![column("major_outage_minutes")]).toBe("30");
    const summary = rows.at(-1)!;
    expect(summary[column("row")]).toBe("summary");
    expect(summary[column("availability_percent")]).toBe("99.932");
    expect(summary[column("credit_amount")]).toBe("100");
    expect(summary[column("met")]).toBe("false");
    expect(rows.every((row) => row.length === STATEMENT_CSV_COLUMNS.length)).toBe(true);
  });
});
