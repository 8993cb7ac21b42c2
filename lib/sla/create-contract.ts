// Writing a new contract for a customer.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { CreateContractInput } from "./contract-input.ts";
import type { ContractDetail } from "./get-contract.ts";

export async function createContract(_db: Db, _actor: Actor, _input: CreateContractInput): Promise<ContractDetail> {
  throw new AppError("UNAVAILABLE", "Contracts are being built.");
}
