// Changing a contract's terms, with a version check against lost updates.
// Issued statements keep their figures: a change of terms only shows in
// months still provisional, or in a restatement someone asks for.
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { type UpdateContractInput, updateContractInput } from "./contract-input.ts";
import {
  assertNameFree,
  auditState,
  claimContractVersion,
  contractColumns,
  contractConflict,
  resolveContractScope,
  writeContractScope,
} from "./contract-writes.ts";
import { type ContractDetail, contractNotFound, loadContractDetail } from "./get-contract.ts";

export async function updateContract(db: Db, actor: Actor, input: UpdateContractInput): Promise<ContractDetail> {
  if (!can(actor.role, "sla.manage"))
    throw new AppError("FORBIDDEN", "Only admins and account managers may change contracts.");
  const data = parseInput(updateContractInput, input);
  return db.$transaction(async (tx) => {
    const before = await loadContractDetail(tx, data.contractId);
    if (!before) throw contractNotFound();
    if (before.version !== data.expectedVersion) throw await contractConflict(tx, data.contractId);
    const scope = await resolveContractScope(tx, data);
    await assertNameFree(tx, before.customer.id, data.name, data.contractId);
    if (!(await claimContractVersion(tx, data.contractId, data.expectedVersion)))
      throw await contractConflict(tx, data.contractId);
    await tx.contract.update({ where: { id: data.contractId }, data: contractColumns(data) });
    await writeContractScope(tx, data.contractId, scope);
    const after = (await loadContractDetail(tx, data.contractId))!;
    await recordAudit(tx, actor, {
      action: "contract.update",
      entityType: "Contract",
      entityId: data.contractId,
      before: auditState(before),
      after: auditState(after),
    });
    return after;
  });
}
