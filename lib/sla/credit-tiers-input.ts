// Credit tiers as a form or the API sends them. The rule (strictly descending
// thresholds, credits 0..100) is the domain's; this only adapts form input.
import { z } from "zod";

export const creditTiersInput = z
  .array(
    z.object({
      belowPercent: z.coerce.number({ error: "Enter a threshold in percent." }).refine((v) => Number.isFinite(v) && v > 0 && v <= 100, "A threshold is above 0 and at most 100 %."),
      creditPercent: z.coerce.number({ error: "Enter a credit in percent." }).refine((v) => Number.isFinite(v) && v >= 0 && v <= 100, "A credit is between 0 and 100 %."),
    }),
    { error: "Give the credit tiers as a list." },
  )
  .max(10, "At most 10 tiers.")
  .superRefine((tiers, ctx) => {
    for (let i = 1; i < tiers.length; i++) {
      if (tiers[i]!.belowPercent >= tiers[i - 1]!.belowPercent) {
        ctx.addIssue({ code: "custom", path: [i, "belowPercent"], message: "Thresholds must be strictly descending." });
      }
    }
  });
