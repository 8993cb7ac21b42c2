// What the webhook subscribe form shows after a submit.
import type { FormState } from "./form-state.ts";

export interface WebhookFormState extends FormState {
  url?: string;
  /** The signing secret: in this answer only, never again. */
  secret?: string;
  format?: "json" | "slack";
}
