// Changing a contract's terms, with a version check against lost updates.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { UpdateContractInput } from "./contract-input.ts";
import type { ContractDetail } from "./get-contract.ts";

export async function updateContract(_db: Db, _actor: Actor, _input: UpdateContractInput): Promise<ContractDetail> {
  throw new AppError("UNAVAILABLE", "Contracts are being built.");
}
