// Factories for SLA statement tests: a customer with one contract over a
// small platform, and confirmed status changes written as probes write them.
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import type { ComponentStatus } from "../../lib/generated/prisma/enums.ts";
import { makePlatform, type TestPlatform } from "./incident-factories.ts";

const uid = () => randomBytes(4).toString("hex");

export interface SlaFixture {
  platform: TestPlatform;
  customerId: string;
  customerKey: string;
  contractId: string;
  /** The covered component-regions: checkout and studio in region 0. */
  checkout: string;
  studio: string;
}

export interface ContractSpec {
  customerName?: string;
  contractName?: string;
  startsOn?: string;
  slaTargetPercent?: number;
  creditTiers?: { belowPercent: number; creditPercent: number }[];
  monthlyFee?: number;
  recipients?: string[];
  accountManagerId?: string | null;
  closeAfterDays?: number;
}

/** Checkout (tier 1) and Studio (tier 2) in two regions; the contract covers region 0, all components. */
export async function makeSlaFixture(db: Db, spec: ContractSpec = {}): Promise<SlaFixture> {
  const platform = await makePlatform(db, [
    { key: "checkout", tier: "TIER_1" },
    { key: "studio", tier: "TIER_2" },
  ]);
  const product = await db.component.findUniqueOrThrow({
    where: { id: platform.components.checkout!.id },
    select: { productId: true },
  });
  const customerKey = `customer-${uid()}`;
  const customer = await db.customer.create({
    data: { key: customerKey, name: spec.customerName ?? "Northwind Retail" },
  });
  const contract = await db.contract.create({
    data: {
      customerId: customer.id,
      name: spec.contractName ?? "Enterprise 2026",
      startsOn: new Date(`${spec.startsOn ?? "2026-10-01"}T00:00:00Z`),
      slaTargetPercent: spec.slaTargetPercent ?? 99.95,
      partialOutageWeight: 0.5,
      degradedWeight: 0,
      creditTiers: spec.creditTiers ?? [
        { belowPercent: 99.95, creditPercent: 10 },
        { belowPercent: 99, creditPercent: 25 },
      ],
      monthlyFee: spec.monthlyFee ?? 1000,
      currency: "EUR",
      recipients: spec.recipients ?? [],
      accountManagerId: spec.accountManagerId ?? null,
      closeAfterDays: spec.closeAfterDays ?? 5,
      regions: { create: [{ regionId: platform.regions[0]!.id }] },
      products: { create: [{ productId: product.productId }] },
    },
  });
  return {
    platform,
    customerId: customer.id,
    customerKey,
    contractId: contract.id,
    checkout: platform.cr("checkout", 0),
    studio: platform.cr("studio", 0),
  };
}

/** Confirmed probe status changes, as the evaluator records them. */
export async function writeStatusChanges(
  db: Db,
  componentRegionId: string,
  changes: [at: string, status: ComponentStatus | null][],
): Promise<void> {
  await db.statusChange.createMany({
    data: changes.map(([at, toStatus]) => ({
      componentRegionId,
      at: new Date(at),
      source: "probes" as const,
      toStatus,
    })),
  });
}
