// GET /components/[key]?range=24h|7d|30d&region=… – one component: its status
// and 90-day uptime in every region it runs in, its response times, and the
// incidents and maintenance touching it.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LatencyChart } from "@/app/_components/latency-chart.tsx";
import { LocalTime } from "@/app/_components/local-time.tsx";
import { HappeningNow, RecentIncidents, ScheduledMaintenance } from "@/app/_components/notice-sections.tsx";
import { OverallBanner } from "@/app/_components/overall-banner.tsx";
import { ScopedSubscribe } from "@/app/_components/public-frame.tsx";
import { StatusLabel } from "@/app/_components/status-icon.tsx";
import { TierBadge } from "@/app/_components/status-matrix.tsx";
import { UptimeBars } from "@/app/_components/uptime-bars.tsx";
import { db } from "@/lib/db.ts";
import { describeSpread } from "@/lib/domain/status-spread.ts";
import { LATENCY_RANGE_KEYS, LATENCY_RANGES, type LatencyRangeKey } from "@/lib/domain/latency-series.ts";
import { getComponentPage } from "@/lib/public/component.ts";
import { componentQuerySchema, keyParam } from "@/lib/public/route-params.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const key = (await params).key;
  return { title: keyParam.safeParse(key).success ? `Status of ${key}` : "Component not found" };
}

const TAB =
  "rounded px-2 py-1 underline-offset-2 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white dark:aria-[current=page]:bg-slate-100 dark:aria-[current=page]:text-slate-900";

function chartHref(key: string, range: LatencyRangeKey, region: string | null): string {
  const params = new URLSearchParams();
  if (range !== "24h") params.set("range", range);
  if (region) params.set("region", region);
  const search = params.toString();
  return `/components/${key}${search ? `?${search}` : ""}#response-time`;
}

export default async function ComponentPage({ params, searchParams }: Props) {
  const key = keyParam.safeParse((await params).key);
  const query = componentQuerySchema.parse(await searchParams);
  const now = new Date();
  const page = key.success
    ? await getComponentPage(db(), key.data, now, { range: query.range, regionKey: query.region })
    : null;
  if (!page) notFound();
  const { component, latency } = page;
  const where = `for ${component.name}`;

  return (
    <main id="main" className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <OverallBanner
        overall={page.overall}
        title={component.name}
        summary={describeSpread(
          page.regions.map(({ region, cell }) => ({ name: region.key, status: cell.status })),
          { one: "region", many: "regions" },
        )}
      >
        <span className="block">
          {component.product.name}
          <TierBadge tier={component.tier} />
        </span>
        {component.description && <span className="block">{component.description}</span>}
        As of <LocalTime at={now.toISOString()} />.
      </OverallBanner>
      <ScopedSubscribe scope="component" keyName={component.key} label="Subscribe to this component" />

      <HappeningNow incidents={page.activeIncidents} maintenance={page.activeMaintenance} now={now} where={where} />

      <section aria-labelledby="regions">
        <h2 id="regions" className="text-xl font-semibold">
          Status by region
        </h2>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {page.regions.map(({ region, cell }) => {
            const uptime = page.uptime.get(cell.componentRegionId);
            return (
              <li key={region.key} className="py-3" data-component={component.key} data-region={region.key}>
                <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                  <h3 className="font-medium">
                    <a className="underline decoration-slate-400 underline-offset-2" href={`/regions/${region.key}`}>
                      {region.key}
                    </a>{" "}
                    <span className="text-sm font-normal text-slate-600 dark:text-slate-400">{region.name}</span>
                  </h3>
                  <StatusLabel status={cell.status} />
                </div>
                {uptime && (
                  <UptimeBars
                    bars={uptime.bars}
                    availability={uptime.availability}
                    incidents={page.incidentDays.get(cell.componentRegionId)}
                    wide
                  />
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="response-time" className="space-y-3">
        <h2 id="response-time" className="text-xl font-semibold">
          Response time
        </h2>
        <nav aria-label="Time range" className="flex flex-wrap gap-1 text-sm">
          {LATENCY_RANGE_KEYS.map((range) => (
            <a
              key={range}
              className={TAB}
              href={chartHref(component.key, range, latency.regionKey)}
              aria-current={range === latency.range ? "page" : undefined}
            >
              {LATENCY_RANGES[range].label}
            </a>
          ))}
        </nav>
        <nav aria-label="Region" className="flex flex-wrap gap-1 text-sm">
          <a
            className={TAB}
            href={chartHref(component.key, latency.range, null)}
            aria-current={latency.regionKey === null ? "page" : undefined}
          >
            All regions
          </a>
          {page.regions.map(({ region }) => (
            <a
              key={region.key}
              className={TAB}
              href={chartHref(component.key, latency.range, region.key)}
              aria-current={latency.regionKey === region.key ? "page" : undefined}
            >
              {region.key}
            </a>
          ))}
        </nav>
        <LatencyChart
          series={latency.series}
          rangeLabel={LATENCY_RANGES[latency.range].label}
          where={latency.regionKey ? `in ${latency.regionKey}` : "in all regions"}
        />
      </section>

      <ScheduledMaintenance maintenance={page.upcomingMaintenance} />
      <RecentIncidents
        incidents={page.recentIncidents}
        now={now}
        where={where}
        historyHref={`/history?component=${encodeURIComponent(component.key)}`}
      />
    </main>
  );
}
