// The daily availability chart as SVG, for the statement page (and the PDF).
import type { StatementDay } from "./types.ts";

export interface DailyChartOptions {
  targetPercent: number;
  width?: number;
  height?: number;
  /** Accessible title. */
  title?: string;
}

export function dailyChartSvg(_days: readonly StatementDay[], _options: DailyChartOptions): string {
  return "";
}
