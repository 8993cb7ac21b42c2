// GET / – the platform's overall status, then products → components × regions.
import { StatusLabel } from "@/app/_components/status-icon.tsx";
import { UptimeBars } from "@/app/_components/uptime-bars.tsx";
import { db } from "@/lib/db.ts";
import type { StatusIndicator } from "@/lib/domain/status.ts";
import { getStatusOverview, type OverviewComponent, type OverviewRegion } from "@/lib/status/overview.ts";
import { type ComponentRegionUptime, getUptime } from "@/lib/status/uptime.ts";

export const dynamic = "force-dynamic";

const BANNER: Record<StatusIndicator | "unknown", string> = {
  none: "bg-emerald-50 border-emerald-600 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  minor: "bg-amber-50 border-amber-600 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
  major: "bg-orange-50 border-orange-600 text-orange-950 dark:bg-orange-950 dark:text-orange-100",
  critical: "bg-red-50 border-red-600 text-red-950 dark:bg-red-950 dark:text-red-100",
  maintenance: "bg-sky-50 border-sky-600 text-sky-950 dark:bg-sky-950 dark:text-sky-100",
  unknown: "bg-slate-50 border-slate-400 text-slate-900 dark:bg-slate-900 dark:text-slate-100",
};

function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function TierBadge({ tier }: { tier: OverviewComponent["tier"] }) {
  const tier1 = tier === "TIER_1";
  return (
    <span
      className={`ml-2 inline-block rounded px-1.5 py-0.5 align-middle text-[0.7rem] font-semibold ${
        tier1 ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
      }`}
      title={tier1 ? "Tier 1: enables primary use of the platform" : "Tier 2: enhances use of the platform"}
    >
      {tier1 ? "Tier 1" : "Tier 2"}
    </span>
  );
}

function ProductTable({
  name,
  regions,
  components,
  uptime,
}: {
  name: string;
  regions: OverviewRegion[];
  components: OverviewComponent[];
  uptime: Map<string, ComponentRegionUptime>;
}) {
  const used = regions.map((_, i) => components.some((c) => c.cells[i] !== null));
  const shown = regions.map((region, i) => ({ region, i })).filter(({ i }) => used[i]);
  return (
    <section
      className="overflow-x-auto rounded-lg border border-slate-200 focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 dark:border-slate-800"
      aria-label={`${name} status by region`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll a wide table on a phone (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
        <caption className="sr-only">{name}: status of each component in each region</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Component
            </th>
            {shown.map(({ region }) => (
              <th key={region.key} scope="col" className="px-3 py-2 font-semibold">
                <span className="block">{region.key}</span>
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{region.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {components.map((component) => (
            <tr key={component.key} className="border-t border-slate-200 dark:border-slate-800" data-component={component.key}>
              <th scope="row" className="px-3 py-2 align-top font-medium">
                {component.name}
                <TierBadge tier={component.tier} />
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{component.description}</span>
              </th>
              {shown.map(({ region, i }) => {
                const cell = component.cells[i];
                return (
                  <td key={region.key} className="px-3 py-2 align-top" data-region={region.key}>
                    {cell ? (
                      <>
                        <StatusLabel status={cell.status} compact />
                        {uptime.get(cell.componentRegionId) && (
                          <UptimeBars bars={uptime.get(cell.componentRegionId)!.bars} availability={uptime.get(cell.componentRegionId)!.availability} />
                        )}
                      </>
                    ) : (
                      <span className="text-xs text-slate-600 dark:text-slate-400">Not hosted here</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default async function HomePage() {
  const now = new Date();
  const [overview, uptime] = await Promise.all([getStatusOverview(db(), now), getUptime(db(), now)]);
  const { overall } = overview;
  const known = overall.total - overall.unknown;
  const tone = known === 0 ? "unknown" : overall.indicator;

  return (
    <>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-4">
          <p className="text-lg font-bold tracking-tight">Bellwether</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">Commerce platform status</p>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl space-y-8 px-4 py-8">
        <section aria-labelledby="overall" className={`rounded-lg border-l-4 px-5 py-4 ${BANNER[tone]}`} data-indicator={overall.indicator}>
          <h1 id="overall" className="text-2xl font-bold">
            {overall.description}
          </h1>
          <p className="mt-1 text-sm">
            {known === 0
              ? `No probe results yet for any of the ${overall.total} component-regions. Statuses appear here as soon as probes report.`
              : overall.unknown > 0
                ? `${known} of ${overall.total} component-regions measured; ${overall.unknown} have no probe data yet.`
                : `All ${overall.total} component-regions measured.`}{" "}
            As of <time dateTime={overview.generatedAt.toISOString()}>{utc(overview.generatedAt)}</time>.
          </p>
        </section>

        {overview.products.map((product) => (
          <section key={product.key} aria-labelledby={`product-${product.key}`} className="space-y-3" data-product={product.key}>
            <h2 id={`product-${product.key}`} className="text-xl font-semibold">
              {product.name}
            </h2>
            <ProductTable name={product.name} regions={overview.regions} components={product.components} uptime={uptime} />
          </section>
        ))}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-600 dark:text-slate-400">
        Tier 1 components enable primary use of the platform; tier 2 components enhance it. Powered by Bellwether.
      </footer>
    </>
  );
}
