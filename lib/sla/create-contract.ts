// Writing a new contract for a customer.
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { type CreateContractInput, createContractInput } from "./contract-input.ts";
import {
  assertNameFree,
  auditState,
  contractColumns,
  resolveContractScope,
  writeContractScope,
} from "./contract-writes.ts";
import { type ContractDetail, loadContractDetail } from "./get-contract.ts";

export async function createContract(db: Db, actor: Actor, input: CreateContractInput): Promise<ContractDetail> {
  if (!can(actor.role, "sla.manage"))
    throw new AppError("FORBIDDEN", "Only admins and account managers may write contracts.");
  const data = parseInput(createContractInput, input);
  return db.$transaction(async (tx) => {
    if (!(await tx.customer.findUnique({ where: { id: data.customerId }, select: { id: true } }))) {
      throw new AppError("VALIDATION", "Some fields are not valid.", {
        fields: { customerId: ["There is no such customer."] },
      });
    }
    const scope = await resolveContractScope(tx, data);
    await assertNameFree(tx, data.customerId, data.name);
    const contract = await tx.contract.create({
      data: { customerId: data.customerId, ...contractColumns(data) },
      select: { id: true },
    });
    await writeContractScope(tx, contract.id, scope);
    const after = (await loadContractDetail(tx, contract.id))!;
    await recordAudit(tx, actor, {
      action: "contract.create",
      entityType: "Contract",
      entityId: contract.id,
      after: auditState(after),
    });
    return after;
  });
}
