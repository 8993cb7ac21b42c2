// The sweep behind contractDowntime (lib/domain/sla.ts). Not implemented yet:
// this commit publishes the types and signatures other modules code against.
import type { ContractDowntime, ContractDowntimeInput } from "./sla.ts";

export function sweepContract(_input: ContractDowntimeInput): ContractDowntime {
  throw new Error("contractDowntime is not implemented yet");
}
