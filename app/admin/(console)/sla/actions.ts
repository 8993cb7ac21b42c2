"use server";
// The SLA section's actions. Each asks requireActor("sla.manage") first (a
// viewer's or engineer's POST gets 403 and changes nothing), then one library
// verb, which checks the permission again, validates with zod and audits.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { createContract } from "@/lib/sla/create-contract.ts";
import { createCustomer } from "@/lib/sla/create-customer.ts";
import { restateStatement } from "@/lib/sla/restate-statement.ts";
import { updateContract } from "@/lib/sla/update-contract.ts";
import { errorState } from "../../_lib/form-errors.ts";
import { type FormState, type FormValues, formValues, success, untrusted } from "../../_lib/form-state.ts";
import { contractInputFrom, formFieldErrors } from "./contract-form-values.ts";

function contractErrorState(previous: FormState, error: unknown, values: FormValues): FormState {
  const state = errorState(previous, error, values);
  return { ...state, fields: formFieldErrors(state.fields, values) };
}

function refreshContract(contractId: unknown) {
  revalidatePath("/admin/sla");
  if (typeof contractId === "string") revalidatePath(`/admin/sla/contracts/${contractId}`, "layout");
}

export async function createCustomerAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("sla.manage");
  const values = formValues(formData);
  try {
    const customer = await createCustomer(db(), actor, untrusted({ key: values.key, name: values.name }));
    revalidatePath("/admin/sla");
    return success(previous, `Added ${customer.name} (${customer.key}). Add its first contract next.`);
  } catch (error) {
    return errorState(previous, error, values);
  }
}

export async function createContractAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("sla.manage");
  const values = formValues(formData);
  let contractId: string;
  try {
    const contract = await createContract(
      db(),
      actor,
      untrusted({ ...contractInputFrom(values), customerId: values.customerId }),
    );
    contractId = contract.id;
  } catch (error) {
    return contractErrorState(previous, error, values);
  }
  refreshContract(contractId);
  redirect(`/admin/sla/contracts/${contractId}`);
}

export async function updateContractAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("sla.manage");
  const values = formValues(formData);
  try {
    await updateContract(
      db(),
      actor,
      untrusted({
        ...contractInputFrom(values),
        contractId: values.contractId,
        expectedVersion: values.expectedVersion,
      }),
    );
    refreshContract(values.contractId);
    return success(
      previous,
      "Saved. Provisional months use the new terms at once; issued months keep theirs until restated.",
    );
  } catch (error) {
    refreshContract(values.contractId);
    return contractErrorState(previous, error, values);
  }
}

export async function restateStatementAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("sla.manage");
  const values = formValues(formData);
  try {
    const revision = await restateStatement(
      db(),
      actor,
      untrusted({ contractId: values.contractId, month: values.month, reason: values.reason }),
    );
    refreshContract(values.contractId);
    return success(
      previous,
      `Restated: revision ${revision.revision} is now the statement, and every earlier revision stays downloadable.`,
    );
  } catch (error) {
    refreshContract(values.contractId);
    return errorState(previous, error, values);
  }
}
