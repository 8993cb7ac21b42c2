// The daily availability chart as SVG for the statement page: one bar per
// day, scaled between a floor and 100 %, a dashed target line, and days
// without data drawn as hatched gaps. Pure; every text is escaped.
import { formatDayKey } from "../domain/time-display.ts";
import { escapeHtml } from "../public/html.ts";
import { formatPercent, formatPlainPercent } from "./statement-labels.ts";
import type { StatementDay } from "./types.ts";

export interface DailyChartOptions {
  targetPercent: number;
  width?: number;
  height?: number;
  /** Accessible title. */
  title?: string;
}

const AXIS = 52;
const BOTTOM = 18;
const TOP = 6;

/** The lowest value shown: a little below the worst day and the target, in steps of 0.1 %, so that a 99.9 % target is visible. */
export function chartFloor(days: readonly StatementDay[], targetPercent: number): number {
  const values = days.flatMap((d) => (d.availabilityPercent === null ? [] : [d.availabilityPercent]));
  const lowest = Math.min(targetPercent, ...values);
  const span = Math.max(100 - lowest, 0.1);
  return Math.max(0, Math.floor((lowest - span * 0.25) * 10) / 10);
}

function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function dailyChartSvg(days: readonly StatementDay[], options: DailyChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 180;
  const title = options.title ?? "Daily availability";
  const floor = chartFloor(days, options.targetPercent);
  const plot = { x: AXIS, y: TOP, w: width - AXIS - 4, h: height - TOP - BOTTOM };
  const toY = (p: number) => plot.y + plot.h - ((Math.min(100, Math.max(floor, p)) - floor) / (100 - floor)) * plot.h;
  const slot = days.length > 0 ? plot.w / days.length : plot.w;
  const barWidth = Math.max(1, slot * 0.8);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}" class="sla-daily-chart">`,
    `<title>${escapeHtml(title)}</title>`,
    '<defs><pattern id="sla-no-data" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#9ca3af" stroke-width="2"/></pattern></defs>',
    `<line x1="${plot.x}" y1="${plot.y + plot.h}" x2="${plot.x + plot.w}" y2="${plot.y + plot.h}" stroke="#9ca3af"/>`,
    `<text x="${AXIS - 6}" y="${plot.y + plot.h}" text-anchor="end" font-size="10" fill="currentColor">${escapeHtml(formatPlainPercent(floor))}</text>`,
  ];
  days.forEach((day, i) => {
    const x = plot.x + i * slot + (slot - barWidth) / 2;
    const label = `${formatDayKey(day.day)}: ${day.availabilityPercent === null ? "no data" : formatPercent(day.availabilityPercent)}`;
    if (day.availabilityPercent === null) {
      parts.push(
        `<rect x="${n(x)}" y="${plot.y}" width="${n(barWidth)}" height="${plot.h}" fill="url(#sla-no-data)"><title>${escapeHtml(label)}</title></rect>`,
      );
      return;
    }
    const y = toY(day.availabilityPercent);
    const below = day.availabilityPercent < options.targetPercent;
    parts.push(
      `<rect x="${n(x)}" y="${n(y)}" width="${n(barWidth)}" height="${n(plot.y + plot.h - y)}" fill="${below ? "#b3261e" : "#2e7d32"}"><title>${escapeHtml(label)}</title></rect>`,
    );
  });
  const targetY = toY(options.targetPercent);
  // The target's label replaces the 100 % label when the two would overlap.
  if (targetY - plot.y > 12)
    parts.push(
      `<text x="${AXIS - 6}" y="${plot.y + 8}" text-anchor="end" font-size="10" fill="currentColor">100 %</text>`,
    );
  parts.push(
    `<line x1="${plot.x}" y1="${n(targetY)}" x2="${plot.x + plot.w}" y2="${n(targetY)}" stroke="#1f4e79" stroke-dasharray="4 3"/>`,
    `<text x="${AXIS - 6}" y="${n(targetY + 3)}" text-anchor="end" font-size="10" fill="#1f4e79">${escapeHtml(formatPlainPercent(options.targetPercent))}</text>`,
  );
  if (days.length > 0) {
    parts.push(
      `<text x="${plot.x}" y="${height - 4}" font-size="10" fill="currentColor">${escapeHtml(formatDayKey(days[0]!.day))}</text>`,
    );
    parts.push(
      `<text x="${plot.x + plot.w}" y="${height - 4}" text-anchor="end" font-size="10" fill="currentColor">${escapeHtml(formatDayKey(days.at(-1)!.day))}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}
