// What a statement says about a contract's month: availability against the
// target, the error budget, and the service credit. Comparisons are made in
// integers (thousandths), so 99.99 % against a 99.99 % target is exact.
import { z } from "zod";
import type { ContractDowntime } from "./sla.ts";

/** Below this availability (percent), this share of the monthly fee is credited. */
export interface CreditTier {
  belowPercent: number;
  creditPercent: number;
}

const MAX_CREDIT_TIERS = 10;

function hasAtMostThreeDecimals(value: number): boolean {
  return Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6;
}

const percentField = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} must be between 0 and 100`)
    .max(100, `${what} must be between 0 and 100`)
    .refine(hasAtMostThreeDecimals, `${what} takes at most 3 decimals`);

export const creditTierSchema = z.object({
  belowPercent: percentField("The threshold").refine((v) => v > 0, "The threshold must be above 0"),
  creditPercent: percentField("The credit"),
});

/** Tiers strictly descending by threshold, credits rising as availability falls (e.g. 99.99 → 10, 99 → 25, 95 → 50). */
export const creditTiersSchema = z
  .array(creditTierSchema)
  .max(MAX_CREDIT_TIERS, `At most ${MAX_CREDIT_TIERS} credit tiers`)
  .superRefine((tiers, ctx) => {
    for (let k = 1; k < tiers.length; k++) {
      const [before, tier] = [tiers[k - 1]!, tiers[k]!];
      if (!(tier.belowPercent < before.belowPercent)) {
        ctx.addIssue({
          code: "custom",
          path: [k, "belowPercent"],
          message: `Thresholds must strictly descend: ${tier.belowPercent} follows ${before.belowPercent}`,
        });
      }
      if (!(tier.creditPercent > before.creditPercent)) {
        ctx.addIssue({
          code: "custom",
          path: [k, "creditPercent"],
          message: `Credits must rise as thresholds fall: ${tier.creditPercent} follows ${before.creditPercent}`,
        });
      }
    }
  });

export interface StatementTerms {
  /** Monthly availability target in percent, e.g. 99.95. */
  slaTargetPercent: number;
  creditTiers: readonly CreditTier[];
  monthlyFee: number;
}

export interface StatementFigures {
  /** Availability in percent, unrounded; null when nothing was measured. */
  availabilityPercent: number | null;
  downtimeMinutes: number;
  measuredMinutes: number;
  /** (1 − target/100) × measured minutes. */
  allowedDowntimeMinutes: number;
  /** downtime ÷ allowed × 100; null when nothing is allowed yet something was down. */
  errorBudgetUsedPercent: number | null;
  /** availability ≥ target; null when nothing was measured. */
  met: boolean | null;
  creditPercent: number;
  /** monthlyFee × credit %, rounded to cents. */
  creditAmount: number;
}

const thousandths = (value: number) => Math.round(value * 1000);

/**
 * availability (percent) < threshold, exactly: 1 − D/M < B/100 ⇔ 100·(M − D) < B·M, all in
 * thousandths (downtime D is exact to thousandths of a minute).
 */
function availabilityBelow(downtimeMinutes: number, measuredMinutes: number, percent: number): boolean {
  const d = thousandths(downtimeMinutes);
  const m = measuredMinutes;
  return 100 * (1000 * m - d) < thousandths(percent) * m;
}

/** The credit of the lowest threshold that availability is strictly below; 0 above every threshold. */
export function creditPercentFor(
  downtimeMinutes: number,
  measuredMinutes: number,
  tiers: readonly CreditTier[],
): number {
  if (measuredMinutes <= 0) return 0;
  let credit = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (const tier of tiers) {
    if (tier.belowPercent < lowest && availabilityBelow(downtimeMinutes, measuredMinutes, tier.belowPercent)) {
      lowest = tier.belowPercent;
      credit = tier.creditPercent;
    }
  }
  return credit;
}

/** fee × percent ÷ 100 in whole cents, half up. */
export function creditAmountFor(monthlyFee: number, creditPercent: number): number {
  const cents = Math.round(monthlyFee * 100);
  return Math.round((cents * thousandths(creditPercent)) / 100_000) / 100;
}

export function statementFigures(
  downtime: Pick<ContractDowntime, "downtimeMinutes" | "measuredMinutes" | "availability">,
  terms: StatementTerms,
): StatementFigures {
  const { downtimeMinutes, measuredMinutes } = downtime;
  const measured = measuredMinutes > 0;
  const allowedDowntimeMinutes = Math.max(
    0,
    ((100 * 1000 - thousandths(terms.slaTargetPercent)) * measuredMinutes) / 100_000,
  );
  const creditPercent = creditPercentFor(downtimeMinutes, measuredMinutes, terms.creditTiers);
  return {
    availabilityPercent: downtime.availability === null ? null : downtime.availability * 100,
    downtimeMinutes,
    measuredMinutes,
    allowedDowntimeMinutes,
    errorBudgetUsedPercent:
      allowedDowntimeMinutes > 0 ? (downtimeMinutes / allowedDowntimeMinutes) * 100 : downtimeMinutes > 0 ? null : 0,
    met: measured ? !availabilityBelow(downtimeMinutes, measuredMinutes, terms.slaTargetPercent) : null,
    creditPercent,
    creditAmount: creditAmountFor(terms.monthlyFee, creditPercent),
  };
}

/**
 * "99.950 %": three decimals, cut rather than rounded, so a statement never shows a target as met
 * (99.990 against 99.99) when it was missed by less than the last digit.
 */
export function formatSlaPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return "—";
  const cut = Math.floor(percent * 1000 + 1e-6) / 1000;
  return `${cut.toFixed(3)} %`;
}
