// Credit tiers as a form or the API sends them. The rule (strictly descending
// thresholds, credits 0..100) is the domain's schema; this only turns form
// strings into numbers before it runs.
import { z } from "zod";
import { creditTiersSchema } from "../domain/sla-figures.ts";

function numeric(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

function fromForm(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((tier) =>
    typeof tier === "object" && tier !== null
      ? {
          ...tier,
          belowPercent: numeric((tier as Record<string, unknown>).belowPercent),
          creditPercent: numeric((tier as Record<string, unknown>).creditPercent),
        }
      : tier,
  );
}

export const creditTiersInput = z.preprocess(fromForm, creditTiersSchema);
