// How the subscribers console names states, scopes and channels.
import type { ScopeKind, SubscriberState } from "@/lib/domain/subscriber-state.ts";

export const STATE_LABEL: Record<SubscriberState, string> = {
  pending: "Pending confirmation",
  confirmed: "Confirmed",
  unsubscribed: "Unsubscribed",
  suppressed: "Suppressed (bounced)",
};

export const STATE_TONE: Record<SubscriberState, string> = {
  pending: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
  confirmed: "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100",
  unsubscribed: "bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-100",
  suppressed: "bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100",
};

export const SCOPE_LABEL: Record<ScopeKind, string> = {
  everything: "Everything",
  chosen: "Chosen regions and components",
  incident: "One incident",
  none: "Nothing (follow ended)",
};

export const CHANNEL_LABEL = { email: "Email", webhook: "Webhook" } as const;
