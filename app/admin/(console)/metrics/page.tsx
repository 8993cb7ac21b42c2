// GET /admin/metrics?month=YYYY-MM – MTTD, MTTA and MTTR per incident, and the month by tier and priority
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { formatDuration } from "@/lib/domain/duration.ts";
import { PRIORITIES } from "@/lib/domain/priority.ts";
import type { ResponseAggregate, Summary } from "@/lib/domain/response-metrics.ts";
import { responseMetrics, responseMetricsInput } from "@/lib/incidents/response-metrics.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { PriorityBadge, TierBadge, Utc } from "../../_components/badges.tsx";
import { INPUT_CLASS } from "../../_components/field-props.ts";
import { ScrollArea } from "../../_components/scroll-area.tsx";

export const metadata: Metadata = { title: "Response metrics" };
export const dynamic = "force-dynamic";

function thisMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1 + by, 1)).toISOString().slice(0, 7);
}

function Cell({ summary }: { summary: Summary }) {
  if (summary.count === 0) return <td className="px-3 py-2">—</td>;
  return (
    <td className="px-3 py-2">
      <span className="font-medium">{formatDuration(summary.medianMs)}</span>
      <span className="block text-xs text-slate-600 dark:text-slate-400">mean {formatDuration(summary.meanMs)}</span>
    </td>
  );
}

function AggregateRow({ label, aggregate }: { label: React.ReactNode; aggregate: ResponseAggregate }) {
  return (
    <tr className="border-t border-slate-200 dark:border-slate-800">
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {label}
      </th>
      <td className="px-3 py-2">{aggregate.incidents}</td>
      <Cell summary={aggregate.detect} />
      <Cell summary={aggregate.acknowledge} />
      <Cell summary={aggregate.resolve} />
    </tr>
  );
}

const HEAD = (
  <tr className="text-left">
    <th scope="col" className="px-3 py-2 font-semibold">
      Group
    </th>
    <th scope="col" className="px-3 py-2 font-semibold">
      Incidents
    </th>
    <th scope="col" className="px-3 py-2 font-semibold">
      MTTD <span className="font-normal">(detect)</span>
    </th>
    <th scope="col" className="px-3 py-2 font-semibold">
      MTTA <span className="font-normal">(acknowledge)</span>
    </th>
    <th scope="col" className="px-3 py-2 font-semibold">
      MTTR <span className="font-normal">(resolve)</span>
    </th>
  </tr>
);

export default async function MetricsPage({ searchParams }: { searchParams: Promise<{ month?: string | string[] }> }) {
  const { month: asked } = await searchParams;
  const requested = typeof asked === "string" ? asked : thisMonth();
  await requireActor("console.read", { returnTo: `/admin/metrics?month=${encodeURIComponent(requested)}` });
  const parsed = responseMetricsInput.safeParse({ month: requested });
  const month = parsed.success ? requested : thisMonth();
  const metrics = await responseMetrics(db(), { month });

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Response metrics</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          For public incidents that started in the month (UTC). Time to detect: start → detected; to acknowledge:
          detected → a person approved or declared it; to resolve: start → resolved. Each cell shows the median, with
          the mean below.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose a month">
        <div>
          <label htmlFor="month" className="block text-sm font-medium">
            Month
          </label>
          <input
            id="month"
            name="month"
            type="month"
            defaultValue={month}
            aria-invalid={parsed.success ? undefined : true}
            aria-describedby={parsed.success ? undefined : "month-error"}
            className={INPUT_CLASS}
          />
          {!parsed.success && (
            <p id="month-error" className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
              “{requested}” is not a month such as 2026-11; showing {month}.
            </p>
          )}
        </div>
        <button
          type="submit"
          className="rounded bg-slate-900 px-4 py-2 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Show
        </button>
        <Link className="py-2 text-sm underline" href={`/admin/metrics?month=${shiftMonth(month, -1)}`}>
          ← {shiftMonth(month, -1)}
        </Link>
        <Link className="py-2 text-sm underline" href={`/admin/metrics?month=${shiftMonth(month, 1)}`}>
          {shiftMonth(month, 1)} →
        </Link>
      </form>

      <section aria-labelledby="month-summary" className="space-y-2">
        <h2 id="month-summary" className="text-xl font-semibold">
          {month} by tier and priority
        </h2>
        <ScrollArea
          label={`${month} by tier and priority`}
          className="rounded-lg border border-slate-200 dark:border-slate-800"
        >
          <table className="w-full min-w-[36rem] text-sm" data-testid="metrics-summary">
            <caption className="sr-only">Median and mean response times in {month}</caption>
            <thead className="bg-slate-50 dark:bg-slate-900">{HEAD}</thead>
            <tbody>
              <AggregateRow label="All" aggregate={metrics.overall} />
              <AggregateRow label={<TierBadge tier="TIER_1" />} aggregate={metrics.byTier.TIER_1} />
              <AggregateRow label={<TierBadge tier="TIER_2" />} aggregate={metrics.byTier.TIER_2} />
              {PRIORITIES.map((p) => (
                <AggregateRow key={p} label={<PriorityBadge priority={p} />} aggregate={metrics.byPriority[p]} />
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </section>

      <section aria-labelledby="per-incident" className="space-y-2">
        <h2 id="per-incident" className="text-xl font-semibold">
          Each incident
        </h2>
        {metrics.incidents.length === 0 ? (
          <p>No public incidents started in {month}.</p>
        ) : (
          <ScrollArea
            label="Each incident's response times"
            className="rounded-lg border border-slate-200 dark:border-slate-800"
          >
            <table className="w-full min-w-[44rem] text-sm" data-testid="metrics-incidents">
              <caption className="sr-only">Response times of each incident in {month}</caption>
              <thead className="bg-slate-50 dark:bg-slate-900">
                <tr className="text-left">
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Incident
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Started
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    To detect
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    To acknowledge
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    To resolve
                  </th>
                </tr>
              </thead>
              <tbody>
                {metrics.incidents.map((i) => (
                  <tr key={i.incidentId} className="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <span className="mr-1">
                        <PriorityBadge priority={i.priority} />
                      </span>
                      <Link className="underline" href={`/admin/incidents/${i.incidentId}`}>
                        {i.title}
                      </Link>
                      <span className="block text-xs text-slate-600 dark:text-slate-400">
                        {i.tier === "TIER_1" ? "Tier 1" : "Tier 2"} ·{" "}
                        {i.source === "detected" ? "detected by probes" : "declared by hand"}
                      </span>
                    </th>
                    <td className="px-3 py-2">
                      <Utc at={i.startedAt} />
                    </td>
                    <td className="px-3 py-2">{formatDuration(i.timeToDetectMs)}</td>
                    <td className="px-3 py-2">{formatDuration(i.timeToAcknowledgeMs)}</td>
                    <td className="px-3 py-2">{i.resolvedAt ? formatDuration(i.timeToResolveMs) : "open"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
    </div>
  );
}
