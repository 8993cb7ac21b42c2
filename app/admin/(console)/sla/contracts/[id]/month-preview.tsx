// This month so far: how much of the error budget is left, so that an
// account manager can warn a customer before the month breaks.
import Link from "next/link";
import { formatMonth } from "@/lib/domain/time-display.ts";
import { formatMinutes, formatMoney, formatPercent, formatPlainPercent } from "@/lib/sla/statement-labels.ts";
import type { MonthPreview as Preview } from "@/lib/sla/types.ts";
import { MetBadge } from "../../sla-badges.tsx";
import { statementPagePath } from "../../statement-links.ts";

export function MonthPreview({ contractId, preview }: { contractId: string; preview: Preview | null }) {
  if (!preview)
    return <p className="text-slate-700 dark:text-slate-300">This month is outside the contract&apos;s term.</p>;
  const f = preview.figures;
  const low = preview.errorBudgetLeftPercent !== null && preview.errorBudgetLeftPercent < 25;
  const items: [string, React.ReactNode][] = [
    ["Availability so far", formatPercent(f.availabilityPercent)],
    ["Target so far", <MetBadge key="met" met={f.met} />],
    ["Downtime", formatMinutes(f.downtimeMinutes)],
    ["Allowed downtime so far", formatMinutes(f.allowedDowntimeMinutes)],
    ["Error budget used", formatPlainPercent(f.errorBudgetUsedPercent)],
    [
      "Credit if the month ended now",
      `${formatPlainPercent(f.creditPercent)} = ${formatMoney(f.creditAmount, f.currency)}`,
    ],
  ];
  return (
    <div className="space-y-3" data-testid="month-preview">
      <p
        className={`rounded-lg border-l-4 px-4 py-3 ${low ? "border-red-600 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-100" : "border-emerald-600 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"}`}
      >
        <span className="font-semibold">Error budget left in {formatMonth(preview.month)}:</span>{" "}
        {formatMinutes(preview.errorBudgetLeftMinutes)} of {formatMinutes(preview.monthAllowedDowntimeMinutes)} (
        {formatPlainPercent(preview.errorBudgetLeftPercent)}).
        {low && " Consider warning the customer."}
      </p>
      <dl className="grid gap-3 sm:grid-cols-3">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm font-medium">{label}</dt>
            <dd className="font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm">
        <Link className="underline" href={statementPagePath(contractId, preview.month)}>
          This month&apos;s provisional statement
        </Link>
      </p>
    </div>
  );
}
