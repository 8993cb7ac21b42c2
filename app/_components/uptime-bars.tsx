// 90 daily bars in one small SVG: one path per colour keeps the page light
// with a bar strip in every cell. Colour is never alone: the label says it.
import type { DailyBar } from "@/lib/domain/uptime.ts";

const FILL: Record<string, string> = {
  operational: "fill-emerald-600 dark:fill-emerald-500",
  under_maintenance: "fill-sky-600 dark:fill-sky-500",
  degraded_performance: "fill-amber-500",
  partial_outage: "fill-orange-600 dark:fill-orange-500",
  major_outage: "fill-red-600 dark:fill-red-500",
  unknown: "fill-slate-300 dark:fill-slate-700",
};

export function formatAvailability(availability: number | null): string {
  if (availability === null) return "no data";
  const percent = availability * 100;
  return `${percent >= 99.995 ? percent.toFixed(2) : (Math.floor(percent * 100) / 100).toFixed(2)}%`;
}

export function UptimeBars({ bars, availability }: { bars: readonly DailyBar[]; availability: number | null }) {
  const paths = new Map<string, string>();
  bars.forEach((bar, i) => {
    const key = bar.worstStatus ?? "unknown";
    paths.set(key, `${paths.get(key) ?? ""}M${i} 0h0.72v10h-0.72z`);
  });
  const troubled = bars.filter((b) => b.worstStatus && b.worstStatus !== "operational").length;
  const label = `${bars.length}-day uptime ${formatAvailability(availability)}${troubled ? `, ${troubled} day${troubled > 1 ? "s" : ""} with issues` : ""}`;
  return (
    <span className="mt-1 block" data-availability={availability ?? ""}>
      <svg viewBox={`0 0 ${bars.length} 10`} preserveAspectRatio="none" className="block h-2.5 w-full max-w-40" role="img" aria-label={label}>
        <title>{label}</title>
        {[...paths].map(([key, d]) => (
          <path key={key} d={d} className={FILL[key]} />
        ))}
      </svg>
      <span className="text-[0.7rem] text-slate-600 dark:text-slate-400">{formatAvailability(availability)} · 90 d</span>
    </span>
  );
}
