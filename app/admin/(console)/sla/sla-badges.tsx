// How the SLA pages mark a month: met or missed, provisional, issued or
// restated. Always words, never colour alone.
import { metLabel } from "@/lib/sla/statement-labels.ts";
import type { YearMonth } from "@/lib/sla/types.ts";

export function MetBadge({ met }: { met: boolean | null }) {
  const tone =
    met === null
      ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100"
      : met
        ? "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
        : "bg-red-700 text-white";
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-bold ${tone}`}
      data-met={met === null ? "unknown" : met ? "met" : "missed"}
    >
      {metLabel(met)}
    </span>
  );
}

export type MonthState = YearMonth["state"] | "restated";

const STATE_TEXT: Record<MonthState, string> = {
  provisional: "Provisional",
  issued: "Issued",
  restated: "Restated",
  future: "Not yet",
  not_started: "Before the contract",
  ended: "After the contract",
};

export function monthState(state: YearMonth["state"], revision: number | null): MonthState {
  return state === "issued" && (revision ?? 1) > 1 ? "restated" : state;
}

export function StateBadge({ state }: { state: MonthState }) {
  const tone =
    state === "provisional"
      ? "border border-amber-700 text-amber-900 dark:border-amber-400 dark:text-amber-200"
      : state === "issued" || state === "restated"
        ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
        : "text-slate-700 dark:text-slate-300";
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${tone}`} data-state={state}>
      {STATE_TEXT[state]}
    </span>
  );
}
