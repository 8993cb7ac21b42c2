// 90 daily bars in one small SVG: dashed strokes paint them, and transparent
// hit areas carry a <title> each, so hovering a day tells its uptime and
// incidents without JavaScript. Quiet days share one hit area per stretch,
// which keeps a page of 125 strips light. The days worth knowing about are
// also a list behind a <details>, which a keyboard or a screen reader reaches
// in one stop. Colour is never alone: the words say it.
import type { DailyBar } from "@/lib/domain/uptime.ts";
import { type Html, html, inner } from "@/lib/public/html.ts";
import {
  type DayIncident,
  describeDayStatus,
  formatAvailability,
  type StripSegment,
  stripSegments,
} from "@/lib/domain/uptime-days.ts";

export { formatAvailability };

const NONE: readonly DayIncident[] = [];

interface ColourRun {
  key: string;
  first: number;
  last: number;
}

/** Everything a strip shows, worked out before drawing; `key` is equal for strips that look the same. */
export interface StripModel {
  days: number;
  availability: number | null;
  runs: ColourRun[];
  segments: StripSegment[];
  /** Newest first, with what the wide strip links to. */
  notable: { day: string; title: string; status: string; incidents: readonly DayIncident[] }[];
  label: string;
  caption: string;
  key: string;
}

/** Consecutive days of one colour: each is one dashed stroke whose dashes are the bars. */
function colourRuns(bars: readonly DailyBar[]): ColourRun[] {
  const runs: ColourRun[] = [];
  bars.forEach((bar, i) => {
    const key = bar.worstStatus ?? "unknown";
    const last = runs.at(-1);
    if (last?.key === key) last.last = i;
    else runs.push({ key, first: i, last: i });
  });
  return runs;
}

export function stripModel(
  bars: readonly DailyBar[],
  availability: number | null,
  incidents?: ReadonlyMap<string, readonly DayIncident[]>,
): StripModel {
  const incidentsOn = (day: string) => incidents?.get(day) ?? NONE;
  const runs = colourRuns(bars);
  const segments = stripSegments(bars, incidentsOn);
  const notable = segments
    .filter((s) => s.notable)
    .reverse()
    .map(({ first, title }) => ({
      day: bars[first]!.day,
      title,
      status: describeDayStatus(bars[first]!),
      incidents: incidentsOn(bars[first]!.day),
    }));
  const figure = formatAvailability(availability);
  const issues = notable.length ? `, ${notable.length} day${notable.length > 1 ? "s" : ""} with issues` : "";
  return {
    days: bars.length,
    availability,
    runs,
    segments,
    notable,
    label: `${bars.length}-day uptime ${figure}${issues}`,
    caption: `${figure} · ${bars.length} d`,
    key: `${availability}|${runs.map((r) => `${r.key}${r.first}`).join()}|${segments.map((s) => s.title).join("\n")}`,
  };
}

/** The strip's contents as markup (html.ts): the front page draws 125 of them. */
function stripInner(model: StripModel, wide: boolean): Html {
  const { days, runs, segments, notable, label, caption } = model;
  const count = `${notable.length} day${notable.length > 1 ? "s" : ""} with issues`;
  // Stroke width, dashes and the rects' transparent fill come from the strip's class (globals.css).
  return html`<svg viewBox="0 0 ${days} 10" preserveAspectRatio="none" class="${wide ? "strip-wide" : "strip"}" role="img" aria-label="${label}">${runs.map(
    (run) => html`<path d="M${run.first} 5h${run.last - run.first + 1}" class="bar-${run.key}"/>`,
  )}${segments.map((s) => html`<rect x="${s.first}" width="${s.last - s.first + 1}" height="10"><title>${s.title}</title></rect>`)}</svg>${
    wide &&
    html`<div class="mt-0.5 flex justify-between text-[0.7rem] text-slate-600 dark:text-slate-400" aria-hidden="true"><span>${days} days ago</span><span>Today</span></div>`
  }${
    notable.length > 0
      ? html`<details class="strip-details"><summary class="strip-summary">${caption} · ${count}</summary><ul class="mt-1 max-w-xs space-y-1 text-left">${notable.map(
          (day) =>
            // Compact strips (125 on the front page) list days as text; the incidents are linked elsewhere on it.
            wide
              ? html`<li>${day.status}${day.incidents.map((incident) => html` · <a class="underline" href="/incidents/${incident.id}">${incident.title}</a>`)}</li>`
              : html`<li>${day.title}</li>`,
        )}</ul></details>`
      : html`<span class="strip-caption">${caption}</span>`
  }`;
}

/** A compact strip as markup, for cells built as strings. */
export function uptimeBarsHtml(model: StripModel): Html {
  return html`<div class="mt-1" data-availability="${model.availability ?? ""}">${stripInner(model, false)}</div>`;
}

export function UptimeBars({
  bars,
  availability,
  incidents,
  model = stripModel(bars ?? [], availability ?? null, incidents),
  wide = false,
}: {
  bars?: readonly DailyBar[];
  availability?: number | null;
  /** UTC day → incidents that touched this component-region that day. */
  incidents?: ReadonlyMap<string, readonly DayIncident[]>;
  /** Instead of the three above, when the caller worked it out already. */
  model?: StripModel;
  /** Full width and taller, for pages about one region or component. */
  wide?: boolean;
}) {
  return (
    <div
      className={wide ? "mt-2" : "mt-1"}
      data-availability={model.availability ?? ""}
      {...inner(stripInner(model, wide))}
    />
  );
}
