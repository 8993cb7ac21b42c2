"use server";
// The users page's actions: each checks the role first (403 otherwise), then
// calls one library verb, which checks it again and audits the change.
import { revalidatePath } from "next/cache";
import { userAddedEmail } from "@/emails/sign-in.ts";
import { SIGN_IN_PATH } from "@/lib/auth.ts";
import { db } from "@/lib/db.ts";
import { ROLE_LABEL } from "@/lib/domain/roles.ts";
import { getEnv } from "@/lib/env.ts";
import { sendMail } from "@/lib/mail/send.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { addUser } from "@/lib/users/add-user.ts";
import { changeUserRole } from "@/lib/users/change-role.ts";
import { setUserDisabled } from "@/lib/users/set-disabled.ts";
import { errorState } from "../../_lib/form-errors.ts";
import { type FormState, formValues, success, untrusted } from "../../_lib/form-state.ts";
import { logError } from "@/lib/observability/log.ts";

export async function addUserAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("user.manage");
  const values = formValues(formData);
  let added: Awaited<ReturnType<typeof addUser>>;
  try {
    added = await addUser(db(), actor, untrusted(values));
  } catch (error) {
    return errorState(previous, error, values);
  }
  revalidatePath("/admin/users");
  if (values.invite !== "on") return success(previous, `Added ${added.email} as ${ROLE_LABEL[added.role]}.`);
  try {
    const mail = userAddedEmail({
      signInUrl: `${getEnv().PUBLIC_URL}${SIGN_IN_PATH}`,
      roleLabel: ROLE_LABEL[added.role],
      addedBy: actor.name ?? actor.email,
    });
    await sendMail({ to: added.email, ...mail });
    return success(previous, `Added ${added.email} as ${ROLE_LABEL[added.role]} and emailed them how to sign in.`);
  } catch (error) {
    logError("could not send the invitation", error);
    return success(
      previous,
      `Added ${added.email} as ${ROLE_LABEL[added.role]}, but the invitation email could not be sent. They can sign in at ${SIGN_IN_PATH}.`,
    );
  }
}

export async function changeRoleAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("user.manage");
  const values = formValues(formData);
  try {
    const user = await changeUserRole(db(), actor, untrusted(values));
    revalidatePath("/admin/users");
    return success(previous, `${user.email} is now ${ROLE_LABEL[user.role]}.`);
  } catch (error) {
    revalidatePath("/admin/users");
    return errorState(previous, error, values);
  }
}

export async function setDisabledAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("user.manage");
  const values = formValues(formData);
  try {
    const user = await setUserDisabled(db(), actor, {
      userId: String(values.userId ?? ""),
      disabled: values.disabled === "true",
    });
    revalidatePath("/admin/users");
    return success(
      previous,
      user.disabledAt ? `${user.email} is disabled and signed out everywhere.` : `${user.email} may sign in again.`,
    );
  } catch (error) {
    return errorState(previous, error, values);
  }
}
