"use server";
// Personal API tokens: each action asks requireActor("sla.read") first, then
// one library verb, which checks again and audits. A new token is answered
// once, in the form's state, and never again.
import { revalidatePath } from "next/cache";
import { createApiToken } from "@/lib/api-tokens/create-api-token.ts";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token.ts";
import { db } from "@/lib/db.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { errorState } from "../../_lib/form-errors.ts";
import { type FormState, formValues, success, untrusted } from "../../_lib/form-state.ts";

export interface TokenFormState extends FormState {
  /** The token itself, only in the answer that created it. */
  token?: string;
}

export async function createTokenAction(previous: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const actor = await requireActor("sla.read");
  const values = formValues(formData);
  try {
    const { token, apiToken } = await createApiToken(db(), actor, untrusted({ name: values.name }));
    revalidatePath("/admin/tokens");
    return { ...success(previous, `Created “${apiToken.name}”. Copy it now: it is shown only once.`), token };
  } catch (error) {
    return errorState(previous, error, values);
  }
}

export async function revokeTokenAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("sla.read");
  const values = formValues(formData);
  try {
    const revoked = await revokeApiToken(db(), actor, untrusted({ tokenId: values.tokenId }));
    revalidatePath("/admin/tokens");
    return success(previous, `Revoked “${revoked.name}”: it no longer works.`);
  } catch (error) {
    revalidatePath("/admin/tokens");
    return errorState(previous, error, values);
  }
}
