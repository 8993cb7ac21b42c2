// What creating and updating a contract share: turning region and product
// keys into rows, the coverage check, the stored columns, the version claim
// and the audit snapshot.
import type { Prisma } from "../db.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import type { ContractTerms } from "./contract-input.ts";
import { countCoveredComponentRegions } from "./coverage.ts";
import { type ContractDetail, loadContractDetail } from "./get-contract.ts";

type Tx = Prisma.TransactionClient;

export interface ContractScope {
  regionIds: string[];
  productIds: string[];
}

function invalid(fields: FieldErrors): AppError {
  return new AppError("VALIDATION", "Some fields are not valid.", { fields });
}

/** Region and product keys to ids; unknown keys, an account manager who cannot manage, or no covered component-region are field errors. */
export async function resolveContractScope(tx: Tx, terms: ContractTerms): Promise<ContractScope> {
  const [regions, products, manager] = await Promise.all([
    tx.region.findMany({ where: { key: { in: terms.regions } }, select: { id: true, key: true } }),
    tx.product.findMany({ where: { key: { in: terms.products } }, select: { id: true, key: true } }),
    terms.accountManagerId
      ? tx.user.findUnique({ where: { id: terms.accountManagerId }, select: { role: true, disabledAt: true } })
      : null,
  ]);
  const fields: FieldErrors = {};
  const unknownRegions = terms.regions.filter((key) => !regions.some((r) => r.key === key));
  const unknownProducts = terms.products.filter((key) => !products.some((p) => p.key === key));
  if (unknownRegions.length > 0) fields.regions = [`Unknown region: ${unknownRegions.join(", ")}.`];
  if (unknownProducts.length > 0) fields.products = [`Unknown product: ${unknownProducts.join(", ")}.`];
  if (
    terms.accountManagerId &&
    (!manager || manager.disabledAt || (manager.role !== "ADMIN" && manager.role !== "ACCOUNT_MANAGER"))
  ) {
    fields.accountManagerId = ["Choose an admin or account manager."];
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  const scope = { regionIds: regions.map((r) => r.id), productIds: products.map((p) => p.id) };
  if ((await countCoveredComponentRegions(tx, { ...scope, coverage: terms.coverage })) === 0) {
    const message =
      terms.coverage === "tier_1_only"
        ? "These regions and products have no tier-1 component: the contract would cover nothing."
        : "These regions and products have no component in common: the contract would cover nothing.";
    throw invalid({ products: [message] });
  }
  return scope;
}

/** The Contract columns a write sets. */
export function contractColumns(terms: ContractTerms) {
  return {
    name: terms.name,
    startsOn: new Date(`${terms.startsOn}T00:00:00Z`),
    endsOn: terms.endsOn ? new Date(`${terms.endsOn}T00:00:00Z`) : null,
    slaTargetPercent: terms.slaTargetPercent,
    partialOutageWeight: terms.partialOutageWeight,
    degradedWeight: terms.degradedWeight,
    creditTiers: terms.creditTiers.map(({ belowPercent, creditPercent }) => ({ belowPercent, creditPercent })),
    coverage: terms.coverage,
    monthRule: terms.monthRule,
    maintenanceNoticeDays: terms.maintenanceNoticeDays,
    maintenanceAllowanceHours: terms.maintenanceAllowanceHours,
    closeAfterDays: terms.closeAfterDays,
    monthlyFee: terms.monthlyFee,
    currency: terms.currency,
    recipients: [...new Set(terms.recipients)],
    accountManagerId: terms.accountManagerId,
  };
}

export async function writeContractScope(tx: Tx, contractId: string, scope: ContractScope): Promise<void> {
  await tx.contractRegion.deleteMany({ where: { contractId, regionId: { notIn: scope.regionIds } } });
  await tx.contractProduct.deleteMany({ where: { contractId, productId: { notIn: scope.productIds } } });
  await tx.contractRegion.createMany({
    data: scope.regionIds.map((regionId) => ({ contractId, regionId })),
    skipDuplicates: true,
  });
  await tx.contractProduct.createMany({
    data: scope.productIds.map((productId) => ({ contractId, productId })),
    skipDuplicates: true,
  });
}

/** A unique (customer, name) clash is the name field's problem, not a generic conflict. */
export async function assertNameFree(tx: Tx, customerId: string, name: string, contractId?: string): Promise<void> {
  const clash = await tx.contract.findFirst({
    where: { customerId, name, ...(contractId ? { id: { not: contractId } } : {}) },
    select: { id: true },
  });
  if (clash) throw invalid({ name: ["This customer already has a contract with this name."] });
}

/** One conditional UPDATE: a concurrent editor waits for it, then finds the version moved on. */
export async function claimContractVersion(tx: Tx, contractId: string, expectedVersion: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ version: number }[]>`
    UPDATE "Contract" SET "version" = "version" + 1, "updatedAt" = now()
    WHERE "id" = ${contractId} AND "version" = ${expectedVersion}
    RETURNING "version"`;
  return rows.length === 1;
}

export async function contractConflict(tx: Tx, contractId: string): Promise<AppError> {
  return new AppError(
    "CONFLICT",
    "Someone else changed this contract while you were editing it. Here is its current state; your change was not saved.",
    {
      details: await loadContractDetail(tx, contractId),
    },
  );
}

export function auditState(detail: ContractDetail) {
  const { coveredComponentRegions, updatedAt: _updatedAt, customer, accountManager, ...terms } = detail;
  return {
    ...terms,
    customerId: customer.id,
    accountManagerId: accountManager?.id ?? null,
    regions: detail.regions.map((r) => r.key),
    products: detail.products.map((p) => p.key),
    coveredComponentRegions: coveredComponentRegions.length,
  };
}
