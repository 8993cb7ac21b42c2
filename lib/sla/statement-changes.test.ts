import { describe, expect, it } from "vitest";
import { sampleStatement } from "./sample-statement.ts";
import { statementChanges } from "./statement-changes.ts";

describe("statementChanges", () => {
  it("finds nothing when only the stamp (revision, dates) differs", () => {
    const before = sampleStatement();
    const after = sampleStatement();
    after.header = {
      ...after.header,
      revision: 2,
      issuedAt: "2026-12-01T00:00:00.000Z",
      computedAt: "2026-12-01T00:00:00.000Z",
    };
    expect(statementChanges(before, after)).toEqual([]);
  });

  it("names each changed figure, row and term with its value before and after", () => {
    const before = sampleStatement();
    const after = sampleStatement({ incidents: 2 });
    after.figures = { ...after.figures, downtimeMinutes: 90, availabilityPercent: 99.798 };
    after.componentRegions[0] = { ...after.componentRegions[0]!, downtimeMinutes: 90 };
    after.incidents[0] = { ...after.incidents[0]!, title: "Checkout returned errors" };
    after.header = { ...after.header, contract: { ...after.header.contract, monthlyFee: 1200 } };
    expect(statementChanges(before, after)).toEqual([
      { field: "availabilityPercent", before: 99.932, after: 99.798 },
      { field: "downtimeMinutes", before: 30, after: 90 },
      { field: "contract.monthlyFee", before: 1000, after: 1200 },
      { field: "componentRegions[Checkout · europe-west1.gcp].downtimeMinutes", before: 30, after: 90 },
      {
        field: "incidents[Checkout returned errors].title",
        before: "Checkout returns errors",
        after: "Checkout returned errors",
      },
      { field: "incidents[Incident number 1]", before: null, after: "listed" },
    ]);
  });

  it("reports a maintenance decision and the data gaps changing", () => {
    const before = sampleStatement();
    const after = sampleStatement();
    after.maintenance[0] = { ...after.maintenance[0]!, decision: "excluded", excludedMinutes: 60, countedMinutes: 0 };
    after.dataGaps = [];
    expect(statementChanges(before, after).map((c) => c.field)).toEqual([
      "maintenance[Database upgrade].countedMinutes",
      "maintenance[Database upgrade].decision",
      "maintenance[Database upgrade].excludedMinutes",
      "dataGaps",
    ]);
  });
});
