import { describe, expect, it } from "vitest";
import {
  creditAmountFor,
  creditPercentFor,
  creditTiersSchema,
  formatSlaPercent,
  statementFigures,
} from "./sla-figures.ts";

/** commercetools' premium tiers. */
const PREMIUM = [
  { belowPercent: 99.99, creditPercent: 10 },
  { belowPercent: 99.0, creditPercent: 25 },
  { belowPercent: 95.0, creditPercent: 50 },
];
const MONTH = 43_200;

/** Figures for a 43,200-minute month with this many weighted down minutes. */
const figures = (downtimeMinutes: number, slaTargetPercent = 99.99, monthlyFee = 10_000) =>
  statementFigures(
    { downtimeMinutes, measuredMinutes: MONTH, availability: 1 - downtimeMinutes / MONTH },
    { slaTargetPercent, creditTiers: PREMIUM, monthlyFee },
  );

describe("credits per tier", () => {
  it.each([
    [0, "100.000 %", 0],
    // 99.99 % exactly is not below 99.99.
    [4.32, "99.990 %", 0],
    [4.321, "99.989 %", 10],
    [432, "99.000 %", 10],
    [432.001, "98.999 %", 25],
    [648, "98.500 %", 25],
    [2160, "95.000 %", 25],
    [2160.5, "94.998 %", 50],
    [MONTH, "0.000 %", 50],
  ])("%f down minutes of 43,200 → %s, %i %% credit", (down, shown, credit) => {
    const f = figures(down);
    expect(formatSlaPercent(f.availabilityPercent)).toBe(shown);
    expect(f.creditPercent).toBe(credit);
    expect(f.creditAmount).toBe((10_000 * credit) / 100);
  });

  it("takes the lowest threshold that availability is strictly below, whatever order the tiers come in", () => {
    expect(creditPercentFor(648, MONTH, [...PREMIUM].reverse())).toBe(25);
    expect(creditPercentFor(648, MONTH, [])).toBe(0);
    expect(creditPercentFor(0, 0, PREMIUM)).toBe(0);
  });

  it("rounds the amount to cents", () => {
    expect(creditAmountFor(12_345.67, 10)).toBe(1_234.57);
    expect(creditAmountFor(999.99, 25)).toBe(250);
    expect(creditAmountFor(0.05, 50)).toBe(0.03);
    expect(creditAmountFor(1_000, 12.5)).toBe(125);
  });
});

describe("statementFigures", () => {
  it("gives the downtime allowed at the target, the error budget used and met or missed", () => {
    const f = figures(21.6, 99.9);
    // 0.1 % of 43,200 minutes = 43.2 allowed; 21.6 is half of it.
    expect(f.allowedDowntimeMinutes).toBeCloseTo(43.2, 9);
    expect(f.errorBudgetUsedPercent).toBeCloseTo(50, 9);
    expect(f.met).toBe(true);
    expect(figures(43.2, 99.9).met).toBe(true);
    expect(figures(43.201, 99.9).met).toBe(false);
  });

  it("says nothing was measured instead of inventing a figure", () => {
    const f = statementFigures(
      { downtimeMinutes: 0, measuredMinutes: 0, availability: null },
      { slaTargetPercent: 99.9, creditTiers: PREMIUM, monthlyFee: 100 },
    );
    expect(f).toMatchObject({
      availabilityPercent: null,
      met: null,
      creditPercent: 0,
      creditAmount: 0,
      allowedDowntimeMinutes: 0,
      errorBudgetUsedPercent: 0,
    });
    expect(formatSlaPercent(null)).toBe("—");
  });

  it("reports an error budget that a 100 % target cannot have", () => {
    expect(figures(1, 100).errorBudgetUsedPercent).toBeNull();
    expect(figures(0, 100).errorBudgetUsedPercent).toBe(0);
  });
});

describe("formatSlaPercent", () => {
  it("cuts to three decimals so a missed target never reads as met", () => {
    expect(formatSlaPercent(99.98999)).toBe("99.989 %");
    expect(formatSlaPercent(99.95)).toBe("99.950 %");
    expect(formatSlaPercent(100)).toBe("100.000 %");
  });
});

describe("creditTiersSchema", () => {
  it("accepts strictly descending thresholds with rising credits, and no tiers at all", () => {
    expect(creditTiersSchema.parse(PREMIUM)).toEqual(PREMIUM);
    expect(creditTiersSchema.parse([])).toEqual([]);
  });

  it.each([
    [
      "a threshold that does not descend",
      [
        { belowPercent: 99, creditPercent: 10 },
        { belowPercent: 99, creditPercent: 25 },
      ],
      [1, "belowPercent"],
    ],
    [
      "a credit that does not rise",
      [
        { belowPercent: 99.9, creditPercent: 25 },
        { belowPercent: 99, creditPercent: 10 },
      ],
      [1, "creditPercent"],
    ],
    ["a credit above 100", [{ belowPercent: 99.9, creditPercent: 101 }], [0, "creditPercent"]],
    ["a negative credit", [{ belowPercent: 99.9, creditPercent: -1 }], [0, "creditPercent"]],
    ["a threshold above 100", [{ belowPercent: 100.5, creditPercent: 10 }], [0, "belowPercent"]],
    ["a threshold of 0", [{ belowPercent: 0, creditPercent: 10 }], [0, "belowPercent"]],
    ["four decimals", [{ belowPercent: 99.9995, creditPercent: 10 }], [0, "belowPercent"]],
    ["a string", [{ belowPercent: "99.9", creditPercent: 10 }], [0, "belowPercent"]],
  ])("refuses %s, naming the field", (_, tiers, path) => {
    const result = creditTiersSchema.safeParse(tiers);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});
