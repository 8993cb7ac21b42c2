// An account manager adds a customer before writing its first contract.
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { type CustomerInput, customerInput } from "./contract-input.ts";

export async function createCustomer(
  db: Db,
  actor: Actor,
  input: CustomerInput,
): Promise<{ id: string; key: string; name: string }> {
  if (!can(actor.role, "sla.manage"))
    throw new AppError("FORBIDDEN", "Only admins and account managers may add customers.");
  const data = parseInput(customerInput, input);
  return db.$transaction(async (tx) => {
    if (await tx.customer.findUnique({ where: { key: data.key }, select: { id: true } })) {
      throw new AppError("VALIDATION", "Some fields are not valid.", {
        fields: { key: ["A customer with this key already exists."] },
      });
    }
    const customer = await tx.customer.create({ data, select: { id: true, key: true, name: true } });
    await recordAudit(tx, actor, {
      action: "customer.create",
      entityType: "Customer",
      entityId: customer.id,
      after: data,
    });
    return customer;
  });
}
