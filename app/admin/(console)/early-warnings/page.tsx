// GET /admin/early-warnings – seasonal early warnings, open and of the last week, each with its chart (never public)
import type { Metadata } from "next";
import { db } from "@/lib/db.ts";
import { BAND_SIGMAS, RAISE_AFTER_MINUTES } from "@/lib/domain/early-warning.ts";
import {
  type ConsoleEarlyWarning,
  listEarlyWarnings,
  RECENT_EARLY_WARNING_DAYS,
} from "@/lib/early-warning/list-early-warnings.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { TierBadge, Utc } from "../../_components/badges.tsx";
import { EarlyWarningChart, formatMetric } from "./early-warning-chart.tsx";

export const metadata: Metadata = { title: "Early warnings" };
export const dynamic = "force-dynamic";

const METRIC_LABEL = { latency_p95: "p95 latency", error_ratio: "error ratio" } as const;

function Warning({ warning: w, now }: { warning: ConsoleEarlyWarning; now: Date }) {
  const label = `${w.componentName} in ${w.regionName}: ${METRIC_LABEL[w.metric]}`;
  const fmt = (v: number) => formatMetric(w.metric, v);
  const minutesToCross =
    w.forecastCrossAt && !w.clearedAt ? Math.round((w.forecastCrossAt.getTime() - now.getTime()) / 60_000) : null;
  return (
    <li className="rounded border border-slate-300 p-4 dark:border-slate-700" data-testid="early-warning">
      <h3 className="flex flex-wrap items-center gap-2 text-base font-semibold">
        {label} <TierBadge tier={w.tier} />
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${
            w.clearedAt
              ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100"
              : "bg-amber-200 text-amber-950 dark:bg-amber-800 dark:text-amber-50"
          }`}
        >
          {w.clearedAt ? "cleared" : "open"}
        </span>
      </h3>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Raised</dt>
        <dd>
          <Utc at={w.raisedAt} />
        </dd>
        {w.clearedAt && (
          <>
            <dt className="font-medium">Cleared</dt>
            <dd>
              <Utc at={w.clearedAt} />
            </dd>
          </>
        )}
        <dt className="font-medium">{w.clearedAt ? "Last window" : "Now"}</dt>
        <dd>
          {fmt(w.observed)}, expected {fmt(w.baseline)} ± {fmt(w.spread)}
        </dd>
        <dt className="font-medium">Threshold</dt>
        <dd>
          {fmt(w.threshold)} ({w.metric === "latency_p95" ? "degraded" : "the 14.4× burn rate that pages"})
        </dd>
        <dt className="font-medium">Forecast</dt>
        <dd data-testid="forecast">
          {w.forecastCrossAt ? (
            <>
              crosses at <Utc at={w.forecastCrossAt} />
              {minutesToCross !== null && minutesToCross > 0 && ` (in about ${minutesToCross} min)`}
            </>
          ) : (
            "no rising trend"
          )}
        </dd>
      </dl>
      {w.evidence ? (
        <div className="mt-3">
          <EarlyWarningChart id={`ew-${w.id}`} title={label} evidence={w.evidence} />
        </div>
      ) : (
        <p className="mt-3 text-sm">No chart: the evidence could not be read.</p>
      )}
    </li>
  );
}

export default async function EarlyWarningsPage() {
  await requireActor("console.read", { returnTo: "/admin/early-warnings" });
  const now = new Date();
  const warnings = await listEarlyWarnings(db(), now);
  const open = warnings.filter((w) => !w.clearedAt);
  const recent = warnings.filter((w) => w.clearedAt);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Early warnings</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700 dark:text-slate-300">
          Each component-region&apos;s p95 latency and error ratio, in 5-minute windows, against the same time of day
          and weekday in earlier weeks. A warning opens when a window stays more than {BAND_SIGMAS} robust standard
          deviations above its seasonal band for {RAISE_AFTER_MINUTES} minutes while the trend rises, and says when that
          trend will cross the threshold. Only the console sees these.
        </p>
      </div>
      <section aria-labelledby="open-heading" className="space-y-3">
        <h2 id="open-heading" className="text-lg font-semibold">
          Open ({open.length})
        </h2>
        {open.length === 0 ? (
          <p className="text-sm">Nothing is drifting away from its seasonal baseline.</p>
        ) : (
          <ul className="space-y-4">
            {open.map((w) => (
              <Warning key={w.id} warning={w} now={now} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Cleared in the last {RECENT_EARLY_WARNING_DAYS} days ({recent.length})
        </h2>
        {recent.length === 0 ? (
          <p className="text-sm">None.</p>
        ) : (
          <ul className="space-y-4">
            {recent.map((w) => (
              <Warning key={w.id} warning={w} now={now} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
