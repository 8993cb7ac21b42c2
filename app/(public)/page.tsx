// GET / – the platform's overall status, what is wrong right now, then
// products → components × regions with 90 days of uptime, upcoming
// maintenance and the last week of incidents.
import { LocalTime } from "@/app/_components/local-time.tsx";
import { IncidentCard, IncidentListItem, MaintenanceCard } from "@/app/_components/notices.tsx";
import { OverallBanner } from "@/app/_components/overall-banner.tsx";
import { StatusMatrix } from "@/app/_components/status-matrix.tsx";
import { db } from "@/lib/db.ts";
import { formatUtcDay } from "@/lib/domain/time-display.ts";
import { getHomePage } from "@/lib/public/home.ts";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const now = new Date();
  const home = await getHomePage(db(), now);
  const { overview } = home;
  const { overall } = overview;
  const known = overall.total - overall.unknown;

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <OverallBanner overall={overall}>
        {known === 0
          ? `No probe results yet for any of the ${overall.total} component-regions. Statuses appear here as soon as probes report.`
          : overall.unknown > 0
            ? `${known} of ${overall.total} component-regions measured; ${overall.unknown} have no probe data yet.`
            : `All ${overall.total} component-regions measured.`}{" "}
        As of <LocalTime at={overview.generatedAt.toISOString()} />.
      </OverallBanner>

      {(home.activeIncidents.length > 0 || home.activeMaintenance.length > 0) && (
        <section aria-labelledby="now" className="space-y-3">
          <h2 id="now" className="text-xl font-semibold">
            Happening now
          </h2>
          {home.activeIncidents.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} now={now} />
          ))}
          {home.activeMaintenance.map((maintenance) => (
            <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
          ))}
        </section>
      )}

      <nav aria-labelledby="by-region" className="space-y-2">
        <h2 id="by-region" className="text-sm font-semibold">
          Status in your region
        </h2>
        <ul className="flex flex-wrap gap-2 text-sm">
          {overview.regions.map((region) => (
            <li key={region.key}>
              <a
                className="inline-block rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                href={`/regions/${region.key}`}
              >
                {region.key} <span className="text-slate-600 dark:text-slate-400">· {region.name}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {overview.products.map((product) => (
        <section
          key={product.key}
          aria-labelledby={`product-${product.key}`}
          className="space-y-3"
          data-product={product.key}
        >
          <h2 id={`product-${product.key}`} className="text-xl font-semibold">
            {product.name}
          </h2>
          <StatusMatrix
            name={product.name}
            regions={overview.regions}
            components={product.components}
            uptime={home.uptime}
            incidentDays={home.incidentDays}
          />
        </section>
      ))}

      {home.upcomingMaintenance.length > 0 && (
        <section aria-labelledby="upcoming" className="space-y-3">
          <h2 id="upcoming" className="text-xl font-semibold">
            Scheduled maintenance
          </h2>
          {home.upcomingMaintenance.map((maintenance) => (
            <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
          ))}
        </section>
      )}

      <section aria-labelledby="past" className="space-y-3">
        <h2 id="past" className="text-xl font-semibold">
          Past incidents
        </h2>
        {home.recentDays.map(({ day, items }) => (
          <section
            key={day}
            aria-labelledby={`day-${day}`}
            className="border-b border-slate-200 pb-2 dark:border-slate-800"
            data-day={day}
          >
            <h3 id={`day-${day}`} className="font-semibold">
              <time dateTime={day}>{formatUtcDay(new Date(`${day}T00:00:00Z`))}</time>
            </h3>
            {items.length === 0 ? (
              <p className="py-2 text-sm text-slate-600 dark:text-slate-400">No incidents reported.</p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {items.map((incident) => (
                  <IncidentListItem key={incident.id} incident={incident} now={now} heading="h4" showUpdate />
                ))}
              </ul>
            )}
          </section>
        ))}
        <p>
          <a className="text-sm underline underline-offset-2" href="/history">
            Incident history →
          </a>
        </p>
      </section>
    </main>
  );
}
