// A small bar chart drawn with vector calls (pdfkit cannot import SVG): one
// bar per point, grey "no data" columns for null, a dashed target line, a legend.
import { COLOR, contentWidth, type Doc, ensureSpace, FONT, SIZE, text } from "./page.ts";

export interface ChartInput {
  title: string;
  points: { label: string; value: number | null }[];
  min?: number;
  max?: number;
  target?: number;
  /** Appended to axis and target labels, e.g. "%". */
  unit?: string;
}

const PLOT_HEIGHT = 120;
const AXIS_WIDTH = 44;
const LABEL_HEIGHT = 14;
const LEGEND_HEIGHT = 12;

export function drawChart(doc: Doc, chart: ChartInput): void {
  ensureSpace(doc, PLOT_HEIGHT + LABEL_HEIGHT + LEGEND_HEIGHT + 36);
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.text);
  text(doc, chart.title);
  doc.y += 4;
  const [min, max] = valueRange(chart);
  const plot = {
    x: doc.page.margins.left + AXIS_WIDTH,
    y: doc.y,
    width: contentWidth(doc) - AXIS_WIDTH,
    height: PLOT_HEIGHT,
  };
  const toY = (value: number) => plot.y + plot.height - ((clamp(value, min, max) - min) / (max - min)) * plot.height;
  drawAxes(doc, plot, min, max, chart.unit ?? "");
  drawBars(doc, plot, chart, toY);
  if (chart.target !== undefined) drawTarget(doc, plot, toY(chart.target));
  drawXLabels(doc, plot, chart.points);
  drawLegend(doc, plot.x, plot.y + plot.height + LABEL_HEIGHT + 2, chart);
  doc.x = doc.page.margins.left;
  doc.y = plot.y + plot.height + LABEL_HEIGHT + LEGEND_HEIGHT + 8;
}

type Plot = { x: number; y: number; width: number; height: number };

function valueRange(chart: ChartInput): [number, number] {
  const values = chart.points.flatMap((p) => (p.value === null || !Number.isFinite(p.value) ? [] : [p.value]));
  const min = chart.min ?? Math.min(...values, chart.target ?? Infinity, 0);
  const max = chart.max ?? Math.max(...values, chart.target ?? -Infinity, min + 1);
  return max > min ? [min, max] : [min, min + 1];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/, "");
}

function drawAxes(doc: Doc, plot: Plot, min: number, max: number, unit: string): void {
  doc.save().lineWidth(0.5).strokeColor(COLOR.rule);
  doc
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x, plot.y + plot.height)
    .lineTo(plot.x + plot.width, plot.y + plot.height)
    .stroke();
  doc.restore();
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
  const left = doc.page.margins.left;
  text(doc, `${format(max)}${unit}`, {
    x: left,
    y: plot.y - 3,
    width: AXIS_WIDTH - 4,
    align: "right",
    lineBreak: false,
  });
  text(doc, `${format(min)}${unit}`, {
    x: left,
    y: plot.y + plot.height - 6,
    width: AXIS_WIDTH - 4,
    align: "right",
    lineBreak: false,
  });
}

const NO_DATA = "#d4d4d4";
const MIN_BAR = 1.5;

function missed(chart: ChartInput, value: number): boolean {
  return chart.target !== undefined && value < chart.target;
}

/** Bars below the target are red; a day without data is a grey full-height column, never an empty slot. */
function drawBars(doc: Doc, plot: Plot, chart: ChartInput, toY: (v: number) => number): void {
  if (chart.points.length === 0) return;
  const slot = plot.width / chart.points.length;
  const bar = Math.max(slot * 0.7, 0.5);
  chart.points.forEach((point, i) => {
    const x = plot.x + i * slot + (slot - bar) / 2;
    if (point.value === null || !Number.isFinite(point.value)) {
      doc.save().rect(x, plot.y, bar, plot.height).fill(NO_DATA).restore();
      return;
    }
    const bottom = plot.y + plot.height;
    const top = Math.min(toY(point.value), bottom - MIN_BAR);
    doc
      .save()
      .rect(x, top, bar, bottom - top)
      .fill(missed(chart, point.value) ? COLOR.target : COLOR.accent)
      .restore();
  });
}

function drawTarget(doc: Doc, plot: Plot, y: number): void {
  doc.save().dash(3, { space: 2 }).lineWidth(0.8).strokeColor(COLOR.target);
  doc
    .moveTo(plot.x, y)
    .lineTo(plot.x + plot.width, y)
    .stroke()
    .undash()
    .restore();
}

/** A legend line under the chart naming only what it shows. */
function drawLegend(doc: Doc, x: number, y: number, chart: ChartInput): void {
  const values = chart.points.map((p) => p.value);
  const unit = chart.unit ?? "";
  const entries: [string, string, "bar" | "dash"][] = [];
  if (chart.target !== undefined) {
    entries.push([COLOR.accent, `at or above target`, "bar"]);
    if (values.some((v) => v !== null && Number.isFinite(v) && missed(chart, v)))
      entries.push([COLOR.target, "below target", "bar"]);
    entries.push([COLOR.target, `target ${format(chart.target)}${unit}`, "dash"]);
  }
  if (values.some((v) => v === null || !Number.isFinite(v))) entries.push([NO_DATA, "no data", "bar"]);
  doc.font(FONT.regular).fontSize(SIZE.small);
  let left = x;
  for (const [color, label, mark] of entries) {
    if (mark === "bar")
      doc
        .save()
        .rect(left, y + 1, 7, 7)
        .fill(color)
        .restore();
    else
      doc
        .save()
        .dash(3, { space: 2 })
        .lineWidth(0.8)
        .strokeColor(color)
        .moveTo(left, y + 4.5)
        .lineTo(left + 12, y + 4.5)
        .stroke()
        .undash()
        .restore();
    left += mark === "bar" ? 10 : 15;
    doc.fillColor(COLOR.muted);
    text(doc, label, { x: left, y, width: doc.widthOfString(label) + 2, lineBreak: false });
    left += doc.widthOfString(label) + 14;
  }
  doc.fillColor(COLOR.text);
}

function drawXLabels(doc: Doc, plot: Plot, points: ChartInput["points"]): void {
  if (points.length === 0) return;
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
  const slot = plot.width / points.length;
  const widest = Math.max(...points.map((p) => doc.widthOfString(p.label)));
  for (const i of labelIndexes(points.length, Math.ceil((widest + 8) / slot))) {
    const center = plot.x + i * slot + slot / 2;
    const width = widest + 8;
    text(doc, points[i]!.label, {
      x: center - width / 2,
      y: plot.y + plot.height + 3,
      width,
      align: "center",
      lineBreak: false,
    });
  }
  doc.fillColor(COLOR.text);
}

/** Every n-th label, and always the last one (the month's end) in place of a neighbour it would touch. */
function labelIndexes(count: number, every: number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < count; i += every) picked.push(i);
  const last = count - 1;
  if (picked.at(-1) !== last) {
    if (last - picked.at(-1)! < every) picked.pop();
    picked.push(last);
  }
  return picked;
}
