// One early warning as SVG: the 5-minute windows, the seasonal band they were
// expected in (expected value to upper edge), the threshold, and the trend's
// forecast to it. Named by its title and described in words, so the picture
// is never the only way to read it.
import type { EarlyWarningEvidence } from "@/lib/domain/early-warning.ts";

const W = 640;
const H = 200;
const PAD = { left: 52, right: 12, top: 10, bottom: 22 };
/** A forecast further out than this is drawn to the chart's edge. */
const MAX_FORECAST_MS = 60 * 60_000;

export function formatMetric(metric: EarlyWarningEvidence["metric"], value: number): string {
  return metric === "latency_p95" ? `${Math.round(value)} ms` : `${(value * 100).toFixed(2)} %`;
}

function clock(at: number): string {
  return new Date(at).toISOString().slice(11, 16);
}

export function EarlyWarningChart({
  id,
  title,
  evidence,
}: {
  id: string;
  title: string;
  evidence: EarlyWarningEvidence;
}) {
  const points = evidence.points;
  if (points.length < 2) return <p className="text-sm">Too few windows to draw.</p>;
  const first = points[0]!.at;
  const now = points.at(-1)!.at;
  const forecast = evidence.forecast;
  const end = Math.max(now, Math.min(forecast?.to.at ?? now, now + MAX_FORECAST_MS));
  const values = points.flatMap((p) => [p.value, p.upper].filter((v): v is number => v !== null));
  const top = Math.max(evidence.threshold * 1.08, ...values) || 1;
  const plot = { x: PAD.left, y: PAD.top, w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const toX = (at: number) => plot.x + ((at - first) / Math.max(1, end - first)) * plot.w;
  const toY = (v: number) => plot.y + (1 - Math.max(0, Math.min(top, v)) / top) * plot.h;
  const path = (key: "value" | "expected" | "upper") => {
    let d = "";
    let pen = "M";
    for (const p of points) {
      const v = p[key];
      if (v === null) {
        pen = "M";
        continue;
      }
      d += `${pen}${toX(p.at).toFixed(1)},${toY(v).toFixed(1)} `;
      pen = "L";
    }
    return d.trim();
  };
  const banded = points.filter((p) => p.expected !== null && p.upper !== null);
  const band =
    banded.length > 1
      ? `${banded.map((p, i) => `${i === 0 ? "M" : "L"}${toX(p.at).toFixed(1)},${toY(p.upper!).toFixed(1)}`).join(" ")} ${[
          ...banded,
        ]
          .reverse()
          .map((p) => `L${toX(p.at).toFixed(1)},${toY(p.expected!).toFixed(1)}`)
          .join(" ")} Z`
      : null;
  let forecastLine: { x1: number; y1: number; x2: number; y2: number } | null = null;
  if (forecast) {
    const slope = (forecast.to.value - forecast.from.value) / Math.max(1, forecast.to.at - forecast.from.at);
    const stop = Math.min(forecast.to.at, end);
    forecastLine = {
      x1: toX(forecast.from.at),
      y1: toY(forecast.from.value),
      x2: toX(stop),
      y2: toY(forecast.from.value + slope * (stop - forecast.from.at)),
    };
  }
  const last = points.at(-1)!;
  const fmt = (v: number) => formatMetric(evidence.metric, v);
  const description = `${points.length} five-minute windows from ${clock(first)} to ${clock(now)} UTC; the last at ${
    last.value === null ? "no data" : fmt(last.value)
  }${
    last.upper === null || last.value === null
      ? ""
      : `, ${last.value > last.upper ? "above" : "within"} the band (upper edge ${fmt(last.upper)})`
  }${last.expected === null ? "" : ` (expected ${fmt(last.expected)})`}; threshold ${fmt(evidence.threshold)}${
    forecast ? `, which the trend reaches at ${clock(forecast.to.at)} UTC` : ", with no rising trend"
  }.`;
  // The forecast's end gets its own label; "now" gives way when the two would overlap.
  const endLabelled = end > now;
  const ticks = [first, first + (now - first) / 2, ...(endLabelled && toX(end) - toX(now) < 40 ? [] : [now])];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="h-auto max-w-full text-slate-900 dark:text-slate-100"
      data-testid="early-warning-chart"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {band && <path d={band} className="fill-sky-200 dark:fill-sky-900" data-testid="baseline-band" />}
      <path d={path("expected")} fill="none" stroke="#0369a1" strokeWidth={1} strokeDasharray="2 2" />
      <line
        x1={plot.x}
        x2={plot.x + plot.w}
        y1={toY(evidence.threshold)}
        y2={toY(evidence.threshold)}
        stroke="#b91c1c"
        strokeWidth={1}
      />
      <text x={plot.x + 4} y={toY(evidence.threshold) - 3} fontSize={10} fill="#b91c1c">
        threshold {fmt(evidence.threshold)}
      </text>
      <path d={path("value")} fill="none" stroke="currentColor" strokeWidth={1.75} />
      {forecastLine && (
        <line {...forecastLine} stroke="#c2410c" strokeWidth={1.75} strokeDasharray="5 3" data-testid="forecast-line" />
      )}
      <line x1={plot.x} x2={plot.x} y1={plot.y} y2={plot.y + plot.h} stroke="#94a3b8" strokeWidth={1} />
      <line
        x1={plot.x}
        x2={plot.x + plot.w}
        y1={plot.y + plot.h}
        y2={plot.y + plot.h}
        stroke="#94a3b8"
        strokeWidth={1}
      />
      <text x={plot.x - 4} y={toY(0) + 3} textAnchor="end" fontSize={10} fill="currentColor">
        0
      </text>
      <text x={plot.x - 4} y={toY(top) + 8} textAnchor="end" fontSize={10} fill="currentColor">
        {fmt(top)}
      </text>
      {ticks.map((at, i) => (
        <text
          key={at}
          x={toX(at)}
          y={H - 6}
          textAnchor={i === 0 ? "start" : "middle"}
          fontSize={10}
          fill="currentColor"
        >
          {clock(at)}
        </text>
      ))}
      {endLabelled && (
        <text x={plot.x + plot.w} y={H - 6} textAnchor="end" fontSize={10} fill="currentColor">
          {clock(end)}
        </text>
      )}
    </svg>
  );
}
