// How benchmarks measure and print: sample percentiles, timings, ratios and
// the closing summary block, so that every benchmark reads the same way.

/** Nearest-rank percentile (p in [0, 100]) of raw samples; NaN when empty. */
export function samplePercentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  return samplePercentile(samples, 50);
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString("en-US")} ms`;
}

export function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function ratio(value: number, reference: number): string {
  if (!(reference > 0) || !Number.isFinite(value)) return "n/a";
  const r = value / reference;
  return `${r < 10 ? r.toFixed(2) : Math.round(r).toLocaleString("en-US")}×`;
}

export function percent(value: number, reference: number): string {
  return reference > 0 ? `${((100 * value) / reference).toFixed(1)} %` : "n/a";
}

export function verdict(met: boolean): string {
  return met ? "met" : "NOT MET";
}

/** Runs `work` and returns its result with the elapsed milliseconds. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; elapsedMs: number }> {
  const started = performance.now();
  const result = await work();
  return { result, elapsedMs: performance.now() - started };
}

export function log(line: string): void {
  console.log(`  ${line}`);
}

/** The closing block; `rows` are label/value pairs printed in aligned columns. */
export function printSummary(title: string, rows: readonly [string, string][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n── ${title} — summary ${"─".repeat(Math.max(0, 56 - title.length))}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  console.log("");
}
