// The postmortem settings from the environment, in the shapes the pure rules take.
import type { PostmortemPolicySettings } from "../domain/postmortem-policy.ts";
import { type Env, getEnv } from "../env.ts";

export function postmortemPolicySettings(
  env: Pick<Env, "POSTMORTEM_DUE_BUSINESS_DAYS_P1" | "POSTMORTEM_DUE_BUSINESS_DAYS_P2"> = getEnv(),
): PostmortemPolicySettings {
  return { dueBusinessDays: { P1: env.POSTMORTEM_DUE_BUSINESS_DAYS_P1, P2: env.POSTMORTEM_DUE_BUSINESS_DAYS_P2 } };
}

/** Days before an action item's due date that its owner is reminded. */
export function actionItemReminderDays(env: Pick<Env, "ACTION_ITEM_REMINDER_DAYS"> = getEnv()): number {
  return env.ACTION_ITEM_REMINDER_DAYS;
}
