// p50 and p95 response time as a server-rendered SVG: lines that scale to any
// width, HTML axis labels that stay readable on a phone, a sentence that says
// what the chart shows, and the numbers as a table for anyone who cannot see it.
// p95 is dashed, p50 solid, so the two never rely on colour.
import { formatLatency, type LatencyPoint, type LatencySeries, niceCeiling } from "@/lib/domain/latency-series.ts";
import { formatUtcDate, formatUtcDateTime } from "@/lib/domain/time-display.ts";

const HEIGHT = 100;
const GRID = [0, 0.25, 0.5, 0.75, 1];

function pointLabel(point: LatencyPoint, stepMs: number): string {
  return stepMs >= 86_400_000 ? formatUtcDate(point.from) : formatUtcDateTime(point.from);
}

/** One path for a line, broken where points have no data; a lone point is a dot. */
function linePath(values: readonly (number | null)[], yMax: number): string {
  let d = "";
  values.forEach((value, i) => {
    if (value === null) return;
    const x = i + 0.5;
    const y = HEIGHT - (Math.min(value, yMax) / yMax) * HEIGHT;
    const starts = i === 0 || values[i - 1] === null;
    const ends = i === values.length - 1 || values[i + 1] === null;
    d += starts ? `M${x} ${y.toFixed(2)}${ends ? "h0.01" : ""}` : `L${x} ${y.toFixed(2)}`;
  });
  return d;
}

export function LatencyChart({
  series,
  rangeLabel,
  where,
}: {
  series: LatencySeries;
  rangeLabel: string;
  where: string;
}) {
  const { points, overall, slowest, window } = series;
  const yMax = niceCeiling(Math.max(0, ...points.map((p) => p.p95 ?? 0)));
  const summary =
    overall.count === 0
      ? `No response times measured ${where} in the last ${rangeLabel}.`
      : `Over the last ${rangeLabel} ${where}: median (p50) ${formatLatency(overall.p50)}, 95th percentile (p95) ${formatLatency(overall.p95)}, from ${overall.count.toLocaleString("en-US")} checks.` +
        (slowest
          ? ` Slowest ${window.stepMs >= 86_400_000 ? "day" : "period"}: ${pointLabel(slowest, window.stepMs)} with p95 ${formatLatency(slowest.p95)}.`
          : "");

  return (
    <figure className="space-y-2" aria-labelledby="latency-summary">
      <figcaption id="latency-summary" className="text-sm" data-latency-summary>
        {summary}
      </figcaption>
      <div className="relative h-48 pl-14">
        {GRID.map((f) => (
          <span
            key={f}
            className="absolute left-0 w-12 -translate-y-1/2 text-right text-[0.7rem] text-slate-600 dark:text-slate-400"
            style={{ top: `${(1 - f) * 100}%` }}
            aria-hidden="true"
          >
            {formatLatency(f * yMax)}
          </span>
        ))}
        <svg
          viewBox={`0 0 ${points.length} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-full w-full overflow-visible"
          role="img"
          aria-label={`Chart of p50 and p95 response time. ${summary} The numbers are in the table below.`}
        >
          {GRID.map((f) => (
            <line
              key={f}
              x1="0"
              x2={points.length}
              y1={HEIGHT - f * HEIGHT}
              y2={HEIGHT - f * HEIGHT}
              className="stroke-slate-200 dark:stroke-slate-700"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          <path
            d={linePath(
              points.map((p) => p.p95),
              yMax,
            )}
            fill="none"
            className="stroke-orange-600 dark:stroke-orange-400"
            strokeWidth="2"
            strokeDasharray="6 4"
            strokeLinecap="round"
            vectorEffect="non-scaling-stroke"
          />
          <path
            d={linePath(
              points.map((p) => p.p50),
              yMax,
            )}
            fill="none"
            className="stroke-sky-700 dark:stroke-sky-400"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
          />
          {points.map((point, i) =>
            point.count > 0 ? (
              <rect key={point.from.getTime()} x={i} width="1" height={HEIGHT} fill="transparent">
                <title>{`${pointLabel(point, window.stepMs)}: p50 ${formatLatency(point.p50)}, p95 ${formatLatency(point.p95)} (${point.count} checks)`}</title>
              </rect>
            ) : null,
          )}
        </svg>
      </div>
      <div className="flex justify-between pl-14 text-[0.7rem] text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span>{window.stepMs >= 86_400_000 ? formatUtcDate(window.from) : formatUtcDateTime(window.from)}</span>
        <span>Now</span>
      </div>
      <p className="flex flex-wrap gap-4 pl-14 text-xs" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <svg width="24" height="6" aria-hidden="true">
            <line x1="0" x2="24" y1="3" y2="3" className="stroke-sky-700 dark:stroke-sky-400" strokeWidth="2" />
          </svg>
          p50 (median)
        </span>
        <span className="inline-flex items-center gap-1.5">
          <svg width="24" height="6" aria-hidden="true">
            <line
              x1="0"
              x2="24"
              y1="3"
              y2="3"
              className="stroke-orange-600 dark:stroke-orange-400"
              strokeWidth="2"
              strokeDasharray="6 4"
            />
          </svg>
          p95
        </span>
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer underline underline-offset-2">Response times as a table</summary>
        <div className="mt-2">
          <table className="w-full border-collapse text-left text-xs">
            <caption className="sr-only">
              Response time per period (UTC), last {rangeLabel}, {where}
            </caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th scope="col" className="py-1 pr-3">
                  From (UTC)
                </th>
                <th scope="col" className="py-1 pr-3">
                  p50
                </th>
                <th scope="col" className="py-1 pr-3">
                  p95
                </th>
                <th scope="col" className="py-1">
                  Checks
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.from.getTime()} className="border-b border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {pointLabel(point, window.stepMs)}
                  </th>
                  <td className="py-1 pr-3">{formatLatency(point.p50)}</td>
                  <td className="py-1 pr-3">{formatLatency(point.p95)}</td>
                  <td className="py-1">{point.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
