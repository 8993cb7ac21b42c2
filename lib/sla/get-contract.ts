// Contracts as the console shows and edits them.
import type { Db, Prisma } from "../db.ts";
import type { Coverage, MonthRule } from "../generated/prisma/enums.ts";
import { AppError } from "../errors.ts";
import { type CoveredComponentRegion, loadCoveredComponentRegions } from "./coverage.ts";
import { parseStoredCreditTiers } from "./stored-terms.ts";
import { productOrder, regionOrder } from "../catalog/order.ts";
import type { CreditTierView } from "./types.ts";

export interface ContractSummary {
  id: string;
  name: string;
  customer: { id: string; key: string; name: string };
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string | null;
  targetPercent: number;
  monthRule: MonthRule;
  coverage: Coverage;
  monthlyFee: number;
  currency: string;
  accountManager: { id: string; email: string; name: string | null } | null;
  version: number;
}

export interface ContractDetail extends ContractSummary {
  partialOutageWeight: number;
  degradedWeight: number;
  creditTiers: CreditTierView[];
  maintenanceNoticeDays: number;
  maintenanceAllowanceHours: number;
  closeAfterDays: number;
  recipients: string[];
  regions: { id: string; key: string; name: string }[];
  products: { id: string; key: string; name: string }[];
  coveredComponentRegions: CoveredComponentRegion[];
  updatedAt: Date;
}

type Tx = Pick<Prisma.TransactionClient, "contract" | "componentRegion">;

export const CONTRACT_SELECT = {
  id: true,
  name: true,
  startsOn: true,
  endsOn: true,
  slaTargetPercent: true,
  partialOutageWeight: true,
  degradedWeight: true,
  creditTiers: true,
  coverage: true,
  monthRule: true,
  maintenanceNoticeDays: true,
  maintenanceAllowanceHours: true,
  closeAfterDays: true,
  monthlyFee: true,
  currency: true,
  recipients: true,
  version: true,
  updatedAt: true,
  customer: { select: { id: true, key: true, name: true } },
  accountManager: { select: { id: true, email: true, name: true } },
  regions: { select: { region: { select: { id: true, key: true, name: true, sortOrder: true } } } },
  products: { select: { product: { select: { id: true, key: true, name: true, sortOrder: true } } } },
} as const satisfies Prisma.ContractSelect;

export type ContractRow = Prisma.ContractGetPayload<{ select: typeof CONTRACT_SELECT }>;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function contractSummaryOf(row: Omit<ContractRow, "regions" | "products">): ContractSummary {
  return {
    id: row.id,
    name: row.name,
    customer: row.customer,
    startsOn: isoDay(row.startsOn),
    endsOn: row.endsOn ? isoDay(row.endsOn) : null,
    targetPercent: Number(row.slaTargetPercent),
    monthRule: row.monthRule,
    coverage: row.coverage,
    monthlyFee: Number(row.monthlyFee),
    currency: row.currency,
    accountManager: row.accountManager,
    version: row.version,
  };
}

export async function loadContractDetail(tx: Tx, contractId: string): Promise<ContractDetail | null> {
  const row = await tx.contract.findUnique({ where: { id: contractId }, select: CONTRACT_SELECT });
  if (!row) return null;
  const regions = row.regions.map((r) => r.region).sort(regionOrder);
  const products = row.products.map((p) => p.product).sort(productOrder);
  const covered = await loadCoveredComponentRegions(tx, {
    regionIds: regions.map((r) => r.id),
    productIds: products.map((p) => p.id),
    coverage: row.coverage,
  });
  return {
    ...contractSummaryOf(row),
    partialOutageWeight: Number(row.partialOutageWeight),
    degradedWeight: Number(row.degradedWeight),
    creditTiers: parseStoredCreditTiers(row.creditTiers),
    maintenanceNoticeDays: row.maintenanceNoticeDays,
    maintenanceAllowanceHours: row.maintenanceAllowanceHours,
    closeAfterDays: row.closeAfterDays,
    recipients: row.recipients,
    regions: regions.map(({ id, key, name }) => ({ id, key, name })),
    products: products.map(({ id, key, name }) => ({ id, key, name })),
    coveredComponentRegions: covered,
    updatedAt: row.updatedAt,
  };
}

export function contractNotFound(): AppError {
  return new AppError("NOT_FOUND", "There is no such contract.");
}

/** A contract with its terms and coverage; NOT_FOUND when there is none. */
export async function getContract(db: Db, contractId: string): Promise<ContractDetail> {
  const detail = await loadContractDetail(db, contractId);
  if (!detail) throw contractNotFound();
  return detail;
}
