// A contract's year: twelve months with state, availability, met or missed,
// the credit, and the downloads of each month's current revision. Tables are
// `relative` so that their screen-reader-only text is clipped by the scroll
// area instead of widening a phone's page.
import Link from "next/link";
import { formatMonth } from "@/lib/domain/time-display.ts";
import { formatMoney, formatPercent, formatPlainPercent } from "@/lib/sla/statement-labels.ts";
import type { YearMonth } from "@/lib/sla/types.ts";
import { ScrollArea } from "../../../../_components/scroll-area.tsx";
import { MetBadge, monthState, StateBadge } from "../../sla-badges.tsx";
import { FORMATS, statementFilePath, statementPagePath } from "../../statement-links.ts";

function hasStatement(m: YearMonth): boolean {
  return m.state === "provisional" || m.state === "issued";
}

export function YearView({
  contractId,
  year,
  months,
  currency,
}: {
  contractId: string;
  year: number;
  months: YearMonth[];
  currency: string;
}) {
  const cell = "px-3 py-2";
  return (
    <ScrollArea label={`${year}, month by month`}>
      <table className="relative w-full min-w-[44rem] text-sm" data-testid="year-view">
        <caption className="sr-only">Each month of {year}: state, availability, met or missed, and credit</caption>
        <thead>
          <tr className="text-left">
            {["Month", "State", "Availability", "Target", "Credit", "Amount", "Download"].map((h) => (
              <th key={h} scope="col" className={`${cell} font-semibold`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} className="border-t border-slate-200 dark:border-slate-800" data-month={m.month}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                {hasStatement(m) ? (
                  <Link className="underline" href={statementPagePath(contractId, m.month)}>
                    {formatMonth(m.month)}
                  </Link>
                ) : (
                  formatMonth(m.month)
                )}
              </th>
              <td className={cell}>
                <StateBadge state={monthState(m.state, m.revision)} />
                {m.revision && m.revision > 1 && <span className="ml-1 text-xs">rev. {m.revision}</span>}
              </td>
              <td className={cell}>{hasStatement(m) ? formatPercent(m.availabilityPercent) : "—"}</td>
              <td className={cell}>{hasStatement(m) ? <MetBadge met={m.met} /> : "—"}</td>
              <td className={cell}>{hasStatement(m) ? formatPlainPercent(m.creditPercent) : "—"}</td>
              <td className={cell}>{hasStatement(m) ? formatMoney(m.creditAmount, currency) : "—"}</td>
              <td className={cell}>
                {hasStatement(m) && (
                  <span className="flex gap-2">
                    {FORMATS.map((format) => (
                      <a
                        key={format}
                        className="underline"
                        href={statementFilePath(contractId, m.month, format)}
                        download
                      >
                        {format.toUpperCase()}
                        <span className="sr-only"> of {formatMonth(m.month)}</span>
                      </a>
                    ))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
