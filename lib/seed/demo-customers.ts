// The customers whose contracts show every SLA rule in the demo, beside
// Northwind (lib/platform/demo-people.ts): a premium 99.99 % contract on a
// fixed 30-day month that the checkout outage breaches, and a contract whose
// month holds maintenance announced only three days ahead.
import type { ContractTermsInput } from "../sla/contract-input.ts";

const PREMIUM_TIERS = [
  { belowPercent: 99.99, creditPercent: 10 },
  { belowPercent: 99.0, creditPercent: 25 },
  { belowPercent: 95.0, creditPercent: 50 },
];

export interface DemoContract {
  customer: { key: string; name: string };
  /** startsOn is set by the seed: the first day of the history's first month. */
  terms: Omit<ContractTermsInput, "startsOn" | "accountManagerId">;
}

export const DEMO_CONTRACTS: readonly DemoContract[] = [
  {
    customer: { key: "fabrikam-fashion", name: "Fabrikam Fashion" },
    terms: {
      name: "Premium Checkout",
      slaTargetPercent: 99.99,
      partialOutageWeight: 0.5,
      degradedWeight: 0,
      creditTiers: PREMIUM_TIERS,
      coverage: "tier_1_only",
      monthRule: "fixed_30_days",
      maintenanceNoticeDays: 7,
      maintenanceAllowanceHours: 24,
      closeAfterDays: 5,
      monthlyFee: 25_000,
      currency: "USD",
      recipients: ["platform-team@fabrikam.example"],
      regions: ["us-central1.gcp"],
      products: ["checkout"],
    },
  },
  {
    customer: { key: "tailspin-toys", name: "Tailspin Toys" },
    terms: {
      name: "Standard 2026",
      slaTargetPercent: 99.9,
      partialOutageWeight: 0.5,
      degradedWeight: 0,
      creditTiers: [
        { belowPercent: 99.9, creditPercent: 10 },
        { belowPercent: 99.0, creditPercent: 25 },
      ],
      coverage: "all_components",
      monthRule: "calendar",
      maintenanceNoticeDays: 7,
      maintenanceAllowanceHours: 24,
      closeAfterDays: 5,
      monthlyFee: 4_800,
      currency: "EUR",
      recipients: ["ops@tailspin.example"],
      regions: ["us-east-2.aws"],
      products: ["composable-commerce"],
    },
  },
];

/** Northwind's commercial terms, which the platform seed does not set. */
export const NORTHWIND_TERMS = {
  monthlyFee: 12_000,
  currency: "EUR",
  recipients: ["it-operations@northwind.example"],
} as const;

/** Maintenance announced only three days ahead: Tailspin's contract asks for seven, so it counts as downtime. */
export const LATE_MAINTENANCE = {
  id: "demo-search-reindex-us-east-2",
  title: "Search reindex in Ohio",
  description: "We are rebuilding the search index in us-east-2. Search may return incomplete results.",
  componentKey: "search",
  regionKey: "us-east-2.aws",
  /** Days before the history ends; lands in a month that is issued. */
  startDaysAgo: 40,
  durationMinutes: 90,
  noticeDays: 3,
} as const;

/** Late probe results for an issued month of Northwind's, which make its statement restated. */
export const LATE_RESULTS = {
  componentKey: "products-api",
  regionKey: "europe-west1.gcp",
  durationMinutes: 25,
  reason:
    "Late probe results: the europe-west1.gcp agent replayed its buffer after a network partition, showing a 25-minute partial outage of Products API that the issued statement did not include.",
} as const;
