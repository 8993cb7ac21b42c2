// Customers and their contracts for the console's SLA section, and the
// choices a contract form offers.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { PRODUCT_ORDER, REGION_ORDER } from "../catalog/order.ts";
import { CONTRACT_SELECT, type ContractSummary, contractSummaryOf } from "./get-contract.ts";

export interface CustomerSummary {
  id: string;
  key: string;
  name: string;
  contracts: ContractSummary[];
}

const { regions: _regions, products: _products, ...SUMMARY_SELECT } = CONTRACT_SELECT;

export async function listCustomers(db: Db): Promise<CustomerSummary[]> {
  const customers = await db.customer.findMany({
    orderBy: [{ name: "asc" }, { key: "asc" }],
    select: {
      id: true,
      key: true,
      name: true,
      contracts: { orderBy: [{ startsOn: "desc" }, { name: "asc" }], select: SUMMARY_SELECT },
    },
  });
  return customers.map((c) => ({ id: c.id, key: c.key, name: c.name, contracts: c.contracts.map(contractSummaryOf) }));
}

export async function getCustomer(db: Db, customerId: string): Promise<CustomerSummary> {
  const c = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      key: true,
      name: true,
      contracts: { orderBy: [{ startsOn: "desc" }, { name: "asc" }], select: SUMMARY_SELECT },
    },
  });
  if (!c) throw new AppError("NOT_FOUND", "There is no such customer.");
  return { id: c.id, key: c.key, name: c.name, contracts: c.contracts.map(contractSummaryOf) };
}

export async function getCustomerByKey(db: Db, key: string): Promise<CustomerSummary> {
  const c = await db.customer.findUnique({ where: { key }, select: { id: true } });
  if (!c) throw new AppError("NOT_FOUND", `There is no customer with the key "${key}".`);
  return getCustomer(db, c.id);
}

export interface ContractFormOptions {
  regions: { id: string; key: string; name: string }[];
  products: { id: string; key: string; name: string }[];
  accountManagers: { id: string; email: string; name: string | null }[];
}

/** What a contract form lets one choose: every region and product, and the people who may manage a contract. */
export async function contractFormOptions(db: Db): Promise<ContractFormOptions> {
  const [regions, products, accountManagers] = await Promise.all([
    db.region.findMany({
      orderBy: REGION_ORDER,
      select: { id: true, key: true, name: true },
    }),
    db.product.findMany({
      orderBy: PRODUCT_ORDER,
      select: { id: true, key: true, name: true },
    }),
    db.user.findMany({
      where: { role: { in: ["ADMIN", "ACCOUNT_MANAGER"] }, disabledAt: null },
      orderBy: [{ email: "asc" }],
      select: { id: true, email: true, name: true },
    }),
  ]);
  return { regions, products, accountManagers };
}
