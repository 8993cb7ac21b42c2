import { describe, expect, it } from "vitest";
import { pdfText } from "../../tests/support/pdf-text.ts";
import { sampleStatement } from "./sample-statement.ts";
import { canonicalJson, statementJson } from "./statement-json.ts";
import { statementPdf } from "./statement-pdf.ts";

describe("the JSON statement", () => {
  it("sorts keys at every level, so equal statements are equal bytes", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: "x" } })).toBe(
      '{\n  "a": {\n    "c": "x",\n    "d": [\n      2,\n      {\n        "y": null,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    const json = JSON.parse(statementJson(sampleStatement()));
    expect(Object.keys(json)).toEqual([
      "componentRegions",
      "daily",
      "dataGaps",
      "figures",
      "header",
      "incidents",
      "maintenance",
      "restatement",
    ]);
    expect(json.figures.availabilityPercent).toBe(99.932);
    expect(json.header.monthRule).toBe("calendar");
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(RangeError);
  });
});

describe("the PDF statement", () => {
  it("holds the header, figures, credit, tables and gaps, and is byte-stable for a fixed date", async () => {
    const statement = sampleStatement();
    const createdAt = new Date("2026-11-06T00:00:00Z");
    const pdf = await statementPdf(statement, {
      createdAt,
      sha256: "ab".repeat(32),
      siteUrl: "https://status.example.test",
    });
    const { text } = await pdfText(pdf);
    for (const expected of [
      "Northwind Retail",
      "Calendar month (UTC)",
      "99.932 %",
      "Missed",
      "100.00 EUR",
      "Checkout returns errors",
      "Database upgrade",
      "announced 3 days ahead",
      "Daily availability",
      "Data gaps",
      "ab".repeat(32),
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s/g, "")).toContain("https://status.example.test/incidents/inc0#postmortem");
    expect(
      (
        await statementPdf(statement, { createdAt, sha256: "ab".repeat(32), siteUrl: "https://status.example.test" })
      ).equals(pdf),
    ).toBe(true);
  });
});
