// What a contract write accepts, field by field, so that a form shows each
// problem beside its field. Shared by create-contract and update-contract.
import { z } from "zod";
import { creditTiersInput } from "./credit-tiers-input.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isoDay = z
  .string()
  .trim()
  .regex(DAY, "Use a date like 2026-01-01.")
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "That date does not exist.",
  );

/** Form strings become numbers; an empty field is missing, not 0. */
const number = (message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z.number({ error: message }).refine(Number.isFinite, message),
  );

export const contractTermsInput = z
  .object({
    name: z.string().trim().min(1, "Name the contract.").max(120),
    startsOn: isoDay,
    /** The last covered day (inclusive); empty or omitted: open-ended. */
    endsOn: z
      .union([isoDay, z.literal(""), z.null()])
      .optional()
      .transform((value) => (value ? value : null)),
    slaTargetPercent: number("Enter the target in percent.").refine(
      (t) => t > 0 && t <= 100,
      "The target must be above 0 and at most 100 %.",
    ),
    partialOutageWeight: number("Enter a weight between 0 and 1.").refine(
      (w) => w >= 0 && w <= 1,
      "A weight is between 0 and 1.",
    ),
    degradedWeight: number("Enter a weight between 0 and 1.").refine(
      (w) => w >= 0 && w <= 1,
      "A weight is between 0 and 1.",
    ),
    creditTiers: creditTiersInput,
    coverage: z.enum(["all_components", "tier_1_only"], { error: "Choose all components or tier 1 only." }),
    monthRule: z.enum(["calendar", "fixed_30_days"], { error: "Choose the calendar month or a fixed 30-day month." }),
    maintenanceNoticeDays: number("Enter whole days.").pipe(
      z.number().int("Enter whole days.").min(0, "Notice cannot be negative.").max(365),
    ),
    maintenanceAllowanceHours: number("Enter whole hours.").pipe(
      z.number().int("Enter whole hours.").min(0, "The allowance cannot be negative.").max(8760),
    ),
    closeAfterDays: number("Enter whole days.").pipe(
      z.number().int("Enter whole days.").min(0, "Between 0 and 31 days.").max(31, "Between 0 and 31 days."),
    ),
    monthlyFee: number("Enter the monthly fee.")
      .refine((fee) => fee >= 0, "The fee cannot be negative.")
      .refine((fee) => fee < 1e10, "That fee is too large."),
    currency: z
      .string()
      .trim()
      .transform((value) => value.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 code, e.g. EUR.")),
    recipients: z
      .array(z.string().trim().toLowerCase().pipe(z.email("Not a valid email address.")))
      .max(50, "At most 50 recipients."),
    accountManagerId: z
      .string()
      .trim()
      .nullish()
      .transform((value) => value || null),
    /** Region keys, e.g. europe-west1.gcp */
    regions: z.array(z.string().trim().min(1)).min(1, "Choose at least one region."),
    /** Product keys, e.g. checkout */
    products: z.array(z.string().trim().min(1)).min(1, "Choose at least one product."),
  })
  .superRefine((terms, ctx) => {
    // endsOn is the last covered day, so a one-day contract ends on the day it starts.
    if (terms.endsOn && terms.endsOn < terms.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The contract cannot end before it starts." });
  });

export type ContractTermsInput = z.input<typeof contractTermsInput>;
export type ContractTerms = z.output<typeof contractTermsInput>;

export const createContractInput = contractTermsInput.and(
  z.object({ customerId: z.string().trim().min(1, "Choose the customer.") }),
);
export type CreateContractInput = z.input<typeof createContractInput>;

export const updateContractInput = contractTermsInput.and(
  z.object({
    contractId: z.string().trim().min(1),
    /** The version the form was built from. */
    expectedVersion: z.coerce.number().int().min(0),
  }),
);
export type UpdateContractInput = z.input<typeof updateContractInput>;

export const customerInput = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use lower-case letters, digits and dashes, e.g. northwind-retail."),
  name: z.string().trim().min(1, "Name the customer.").max(200),
});
export type CustomerInput = z.input<typeof customerInput>;

export const updateCustomerInput = z.object({ customerId: z.string().trim().min(1), name: customerInput.shape.name });
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;

export const restateStatementInput = z.object({
  contractId: z.string().trim().min(1),
  month: z.string().trim(),
  reason: z.string().trim().min(1, "Say why the statement is restated.").max(2000),
});
export type RestateStatementInput = z.input<typeof restateStatementInput>;
