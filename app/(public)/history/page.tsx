// GET /history?region=…&component=…&page=… – every published incident, newest
// first, by month; the filters are a plain GET form, so it works without JavaScript.
import type { Metadata } from "next";
import { IncidentListItem } from "@/app/_components/notices.tsx";
import { db } from "@/lib/db.ts";
import { groupByStartMonth } from "@/lib/domain/incident-history.ts";
import { formatMonth } from "@/lib/domain/time-display.ts";
import { getHistoryPage, type HistoryQuery, historyQuerySchema } from "@/lib/public/history.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Incident history" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function href(query: HistoryQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.region) params.set("region", query.region);
  if (query.component) params.set("component", query.component);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/history?${search}` : "/history";
}

const SELECT =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

export default async function HistoryPage({ searchParams }: Props) {
  const query = historyQuerySchema.parse(await searchParams);
  const now = new Date();
  const history = await getHistoryPage(db(), query);
  const region = history.regions.find((r) => r.key === query.region);
  const component = history.components.find((c) => c.key === query.component);
  const scope = [component?.name ?? query.component, region?.key ?? query.region].filter(Boolean).join(" in ");

  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">Incident history</h1>

      <form
        method="get"
        action="/history"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
        aria-label="Filter incidents"
      >
        <label className="min-w-44 flex-1 text-sm font-medium">
          Region
          <select name="region" defaultValue={region?.key ?? ""} className={SELECT}>
            <option value="">All regions</option>
            {history.regions.map((r) => (
              <option key={r.key} value={r.key}>
                {r.key} – {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-44 flex-1 text-sm font-medium">
          Component
          <select name="component" defaultValue={component?.key ?? ""} className={SELECT}>
            <option value="">All components</option>
            {history.components.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name} ({c.productName})
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-slate-900 px-4 py-1.5 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Show
        </button>
      </form>

      <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
        {history.total === 0
          ? `No incidents reported${scope ? ` for ${scope}` : ""}.`
          : `${history.total} incident${history.total === 1 ? "" : "s"}${scope ? ` for ${scope}` : ""}; page ${history.page} of ${history.pageCount}.`}
      </p>

      {groupByStartMonth(history.incidents).map(({ month, items }) => (
        <section key={month} aria-labelledby={`month-${month}`}>
          <h2
            id={`month-${month}`}
            className="border-b border-slate-200 pb-1 text-lg font-semibold dark:border-slate-800"
          >
            {formatMonth(month)}
          </h2>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {items.map((incident) => (
              <IncidentListItem key={incident.id} incident={incident} now={now} />
            ))}
          </ul>
        </section>
      ))}

      {history.pageCount > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {history.page > 1 ? (
            <a className="underline underline-offset-2" href={href(query, history.page - 1)} rel="prev">
              ← Newer incidents
            </a>
          ) : (
            <span />
          )}
          <span>
            Page {history.page} of {history.pageCount}
          </span>
          {history.page < history.pageCount ? (
            <a className="underline underline-offset-2" href={href(query, history.page + 1)} rel="next">
              Older incidents →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </main>
  );
}
