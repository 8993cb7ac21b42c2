// 90 daily bars in one small SVG: one path per colour paints them, and
// transparent hit areas carry a <title> each, so hovering a day tells its
// uptime and incidents without JavaScript. Quiet days share one hit area per
// stretch, which keeps a page of 125 strips light. The days worth knowing
// about are also a list behind a <details>, which a keyboard or a screen
// reader reaches in one stop. Colour is never alone: the words say it.
import type { DailyBar } from "@/lib/domain/uptime.ts";
import { type DayIncident, describeDayStatus, formatAvailability, stripSegments } from "@/lib/domain/uptime-days.ts";

export { formatAvailability };

/**
 * Consecutive days of one colour, each drawn as a single dashed stroke whose
 * dashes are the bars: a quiet 90-day strip is one short path.
 */
function colourRuns(bars: readonly DailyBar[]): { key: string; first: number; last: number }[] {
  const runs: { key: string; first: number; last: number }[] = [];
  bars.forEach((bar, i) => {
    const key = bar.worstStatus ?? "unknown";
    const last = runs.at(-1);
    if (last?.key === key) last.last = i;
    else runs.push({ key, first: i, last: i });
  });
  return runs;
}

const NONE: readonly DayIncident[] = [];

export function UptimeBars({
  bars,
  availability,
  incidents,
  wide = false,
}: {
  bars: readonly DailyBar[];
  availability: number | null;
  /** UTC day → incidents that touched this component-region that day. */
  incidents?: ReadonlyMap<string, readonly DayIncident[]>;
  /** Full width and taller, for pages about one region or component. */
  wide?: boolean;
}) {
  const incidentsOn = (day: string) => incidents?.get(day) ?? NONE;
  const runs = colourRuns(bars);
  const dash = `${wide ? 0.8 : 0.72} ${wide ? 0.2 : 0.28}`;
  const segments = stripSegments(bars, incidentsOn);
  const notable = segments.filter((s) => s.notable).reverse();
  const figure = formatAvailability(availability);
  const issues = notable.length ? `, ${notable.length} day${notable.length > 1 ? "s" : ""} with issues` : "";
  const label = `${bars.length}-day uptime ${figure}${issues}`;
  const caption = `${figure} · ${bars.length} d`;

  return (
    <div className={wide ? "mt-2" : "mt-1"} data-availability={availability ?? ""}>
      <svg
        viewBox={`0 0 ${bars.length} 10`}
        preserveAspectRatio="none"
        className={wide ? "block h-8 w-full" : "block h-2.5 w-full max-w-40"}
        role="img"
        aria-label={label}
      >
        <g strokeWidth="10" strokeDasharray={dash}>
          {runs.map((run) => (
            <path key={run.first} d={`M${run.first} 5h${run.last - run.first + 1}`} className={`bar-${run.key}`} />
          ))}
        </g>
        <g fill="transparent">
          {segments.map((s) => (
            <rect key={s.first} x={s.first} width={s.last - s.first + 1} height="10">
              <title>{s.title}</title>
            </rect>
          ))}
        </g>
      </svg>
      {wide && (
        <div className="mt-0.5 flex justify-between text-[0.7rem] text-slate-600 dark:text-slate-400" aria-hidden="true">
          <span>{bars.length} days ago</span>
          <span>Today</span>
        </div>
      )}
      {notable.length > 0 ? (
        <details className="strip-details">
          <summary className="strip-summary">
            {caption} · {notable.length} day{notable.length > 1 ? "s" : ""} with issues
          </summary>
          <ul className="mt-1 max-w-xs space-y-1 text-left">
            {notable.map(({ first, title }) => {
              const bar = bars[first]!;
              // Compact strips (125 on the front page) list days as text; the incidents are linked elsewhere on it.
              if (!wide) return <li key={bar.day}>{title}</li>;
              return (
                <li key={bar.day}>
                  {describeDayStatus(bar)}
                  {incidentsOn(bar.day).map((incident) => (
                    <span key={incident.id}>
                      {" · "}
                      <a className="underline" href={`/incidents/${incident.id}`}>
                        {incident.title}
                      </a>
                    </span>
                  ))}
                </li>
              );
            })}
          </ul>
        </details>
      ) : (
        <span className="strip-caption">{caption}</span>
      )}
    </div>
  );
}
