// Renaming a customer; its key stays, because the CLI and scripts use it.
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { type UpdateCustomerInput, updateCustomerInput } from "./contract-input.ts";

export async function updateCustomer(
  db: Db,
  actor: Actor,
  input: UpdateCustomerInput,
): Promise<{ id: string; key: string; name: string }> {
  if (!can(actor.role, "sla.manage"))
    throw new AppError("FORBIDDEN", "Only admins and account managers may change customers.");
  const data = parseInput(updateCustomerInput, input);
  return db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({
      where: { id: data.customerId },
      select: { id: true, key: true, name: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "There is no such customer.");
    const after = await tx.customer.update({
      where: { id: data.customerId },
      data: { name: data.name },
      select: { id: true, key: true, name: true },
    });
    await recordAudit(tx, actor, {
      action: "customer.update",
      entityType: "Customer",
      entityId: after.id,
      before: { name: before.name },
      after: { name: after.name },
    });
    return after;
  });
}
