// GET /regions/[key] – everything for one region: each component's status
// there with its 90-day uptime, and the incidents and maintenance touching it.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LocalTime } from "@/app/_components/local-time.tsx";
import { HappeningNow, RecentIncidents, ScheduledMaintenance } from "@/app/_components/notice-sections.tsx";
import { OverallBanner } from "@/app/_components/overall-banner.tsx";
import { ScopedSubscribe } from "@/app/_components/public-frame.tsx";
import { StatusLabel } from "@/app/_components/status-icon.tsx";
import { TierBadge } from "@/app/_components/status-matrix.tsx";
import { UptimeBars } from "@/app/_components/uptime-bars.tsx";
import { db } from "@/lib/db.ts";
import { describeSpread } from "@/lib/domain/status-spread.ts";
import { getRegionPage } from "@/lib/public/region.ts";
import { keyParam } from "@/lib/public/route-params.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const key = (await params).key;
  return { title: keyParam.safeParse(key).success ? `Status in ${key}` : "Region not found" };
}

export default async function RegionPage({ params }: Props) {
  const key = keyParam.safeParse((await params).key);
  const now = new Date();
  const page = key.success ? await getRegionPage(db(), key.data, now) : null;
  if (!page) notFound();
  const { region } = page;
  const where = `in ${region.key}`;

  return (
    <main id="main" className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <OverallBanner
        overall={page.overall}
        title={region.key}
        summary={describeSpread(
          page.products.flatMap((p) => p.components.map((c) => ({ name: c.name, status: c.cell.status }))),
          { one: "component", many: "components" },
        )}
      >
        {region.name} · {region.location}. As of <LocalTime at={now.toISOString()} />.
      </OverallBanner>
      <ScopedSubscribe scope="region" keyName={region.key} label="Subscribe to this region" />

      <HappeningNow incidents={page.activeIncidents} maintenance={page.activeMaintenance} now={now} where={where} />

      {page.products.map((product) => (
        <section key={product.key} aria-labelledby={`product-${product.key}`} data-product={product.key}>
          <h2 id={`product-${product.key}`} className="text-xl font-semibold">
            {product.name}
          </h2>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {product.components.map((component) => {
              const uptime = page.uptime.get(component.cell.componentRegionId);
              return (
                <li key={component.key} className="py-3" data-component={component.key} data-region={region.key}>
                  <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                    <h3 className="font-medium">
                      <a
                        className="underline decoration-slate-400 underline-offset-2"
                        href={`/components/${component.key}`}
                      >
                        {component.name}
                      </a>
                      <TierBadge tier={component.tier} />
                    </h3>
                    <StatusLabel status={component.cell.status} />
                  </div>
                  {uptime && (
                    <UptimeBars
                      bars={uptime.bars}
                      availability={uptime.availability}
                      incidents={page.incidentDays.get(component.cell.componentRegionId)}
                      wide
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}

      <ScheduledMaintenance maintenance={page.upcomingMaintenance} />
      <RecentIncidents
        incidents={page.recentIncidents}
        now={now}
        where={where}
        historyHref={`/history?region=${encodeURIComponent(region.key)}`}
      />
    </main>
  );
}
