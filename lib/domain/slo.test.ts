import { describe, expect, it } from "vitest";
import {
  BURN_RATE_RULES,
  BURN_WINDOWS_MINUTES,
  burnAlertOpenKey,
  burnDown,
  burnRate,
  burnRateOfRatio,
  burnRuleVerdict,
  checkBurnDown,
  errorBudget,
  errorRatio,
  gateDecision,
  SLO_WINDOW_DAYS,
  sloWindow,
  sloTargetPercent,
  TIER_SLO_PERCENT,
  windowLabel,
} from "./slo.ts";

const counts = (bad: number, total = 10_000) => ({ good: total - bad, total });

describe("objectives", () => {
  it("pins the tiers' objectives and the 30-day window", () => {
    expect(TIER_SLO_PERCENT).toEqual({ TIER_1: 99.9, TIER_2: 99.5 });
    expect(SLO_WINDOW_DAYS).toBe(30);
  });

  it("spans the last 30 UTC days, today included", () => {
    expect(sloWindow(new Date("2026-12-04T18:30:00Z"))).toEqual({
      from: new Date("2026-11-05T00:00:00Z"),
      to: new Date("2026-12-05T00:00:00Z"),
    });
  });

  it("lets a component override its tier", () => {
    expect(sloTargetPercent("TIER_1", null)).toBe(99.9);
    expect(sloTargetPercent("TIER_2", undefined)).toBe(99.5);
    expect(sloTargetPercent("TIER_2", 99.95)).toBe(99.95);
  });
});

describe("the SRE workbook's table", () => {
  it("is pinned: factor, long and short window per severity", () => {
    expect(BURN_RATE_RULES.map((r) => [r.severity, r.factor, r.longMinutes, r.shortMinutes])).toEqual([
      ["page", 14.4, 60, 5],
      ["page", 6, 360, 30],
      ["ticket", 3, 1440, 120],
      ["ticket", 1, 4320, 360],
    ]);
    expect(BURN_WINDOWS_MINUTES).toEqual([5, 30, 60, 120, 360, 1440, 4320]);
  });

  it("keys an open firing by ComponentRegion and rule", () => {
    expect(burnAlertOpenKey("cr1", BURN_RATE_RULES[0]!)).toBe("cr1:page-1h");
  });
});

describe("burn rate", () => {
  it("is the error ratio over the budget's share, exact at 99.9 %", () => {
    expect(burnRate(counts(10), 99.9)).toBe(1);
    expect(burnRate(counts(144), 99.9)).toBe(14.4);
    expect(burnRate(counts(50), 99.5)).toBe(1);
    expect(burnRate(counts(0, 0), 99.9)).toBe(0);
    expect(errorRatio(counts(25, 100))).toBe(0.25);
    expect(burnRateOfRatio(0.0144, 99.9)).toBeCloseTo(14.4, 10);
    expect(errorRatio(counts(0, 0))).toBeNull();
  });

  it("treats a 100 % objective as having no budget", () => {
    expect(burnRate(counts(1), 100)).toBe(Number.POSITIVE_INFINITY);
    expect(burnRate(counts(0), 100)).toBe(0);
  });
});

describe("a rule's verdict", () => {
  for (const rule of BURN_RATE_RULES) {
    for (const slo of [99.9, 99.5]) {
      // Just above and just below the factor, in failed checks per 100,000.
      const atFactor = Math.round(rule.factor * (100 - slo) * 1000);
      const above = counts(atFactor + 1, 100_000);
      const below = counts(atFactor - 1, 100_000);
      it(`${rule.key} at ${slo} %: fires only when both windows burn above ${rule.factor}`, () => {
        expect(burnRuleVerdict(rule, false, above, above, slo)).toBe("fire");
        expect(burnRuleVerdict(rule, false, above, below, slo)).toBeNull();
        expect(burnRuleVerdict(rule, false, below, above, slo)).toBeNull();
        expect(burnRuleVerdict(rule, false, counts(atFactor, 100_000), above, slo)).toBeNull();
      });
      it(`${rule.key} at ${slo} %: resolves only when both windows burn below ${rule.factor}`, () => {
        expect(burnRuleVerdict(rule, true, below, below, slo)).toBe("resolve");
        expect(burnRuleVerdict(rule, true, above, below, slo)).toBeNull();
        expect(burnRuleVerdict(rule, true, below, above, slo)).toBeNull();
        expect(burnRuleVerdict(rule, true, above, above, slo)).toBeNull();
      });
    }
  }

  it("never fires on windows without checks, and resolves on them", () => {
    expect(burnRuleVerdict(BURN_RATE_RULES[0]!, false, counts(0, 0), counts(0, 0), 99.9)).toBeNull();
    expect(burnRuleVerdict(BURN_RATE_RULES[0]!, true, counts(0, 0), counts(0, 0), 99.9)).toBe("resolve");
  });
});

describe("the error budget", () => {
  it("is what the objective allows over the window's checks, minus what failed", () => {
    const b = errorBudget(counts(4), 99.9);
    expect(b.allowedBad).toBe(10);
    expect(b.remaining).toBeCloseTo(0.6, 10);
    expect(b.exhausted).toBe(false);
    expect(errorBudget(counts(10), 99.9).exhausted).toBe(true);
    expect(errorBudget(counts(30), 99.9).remaining).toBeCloseTo(-2, 10);
    expect(errorBudget(counts(0, 0), 99.9).remaining).toBeNull();
  });

  it("burns down day by day against the whole window's allowance", () => {
    expect(burnDown(10, [2, 0, 3])).toEqual([1, 0.8, 0.8, 0.5]);
    expect(burnDown(0, [1])).toEqual([]);
    const days = [counts(1, 1000), counts(0, 1000), counts(1, 1000), counts(0, 1000)];
    expect(checkBurnDown(days, 99.9)).toEqual([1, 0.75, 0.75, 0.5, 0.5]);
  });
});

describe("the deployment gate", () => {
  const budget = (remaining: number) => ({ remaining, exhausted: remaining <= 0, sloPercent: 99.9 });
  it("allows while the budget has room and no page fires", () => {
    expect(gateDecision(budget(0.2), []).allow).toBe(true);
  });
  it("refuses when the budget is spent, or a page fires", () => {
    expect(gateDecision(budget(0), [])).toMatchObject({ allow: false, reason: expect.stringMatching(/exhausted/) });
    expect(gateDecision(budget(0.9), [BURN_RATE_RULES[0]!])).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/14\.4× over 1 h and 5 min/),
    });
  });
  it("labels windows as people say them", () => {
    expect([5, 30, 60, 360, 1440, 4320].map(windowLabel)).toEqual(["5 min", "30 min", "1 h", "6 h", "1 d", "3 d"]);
  });
});
