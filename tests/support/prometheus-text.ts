// A strict reader of the Prometheus text exposition format (0.0.4), as a
// scraper reads it: every line is a comment, HELP, TYPE or sample; samples
// belong to the family last declared (with _bucket/_sum/_count for
// histograms and summaries); label values are unescaped; histogram buckets
// must be cumulative and end at +Inf with the count. parse-prometheus-text-format
// reads counters and gauges but folds the series of a labelled histogram into
// one, so histograms are read here.

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  /** The sample's own name (with _bucket, _sum or _count for histograms). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function parseValue(text: string, line: number): number {
  // Prometheus reads values with Go's strconv.ParseFloat, which takes NaN and Inf in any case (prom-client
  // writes "Nan" for an event-loop figure with no sample since the last scrape).
  const word = text.toLowerCase();
  if (word === "+inf" || word === "inf") return Number.POSITIVE_INFINITY;
  if (word === "-inf") return Number.NEGATIVE_INFINITY;
  if (word === "nan") return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: "${text}" is not a number`);
  return Number(text);
}

/** Reads `{a="x",b="y\"z"}` from position `at`; returns the labels and the position after `}`. */
function parseLabels(text: string, at: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = at + 1;
  for (;;) {
    while (text[i] === " ") i++;
    if (text[i] === "}") return { labels, end: i + 1 };
    const eq = text.indexOf("=", i);
    if (eq < 0) throw new Error(`line ${line}: a label without a value`);
    const name = text.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) throw new Error(`line ${line}: bad label name "${name}"`);
    if (name in labels) throw new Error(`line ${line}: label ${name} given twice`);
    i = eq + 1;
    if (text[i] !== '"') throw new Error(`line ${line}: label ${name}'s value is not quoted`);
    i++;
    let value = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error(`line ${line}: unterminated label value`);
      if (c === '"') break;
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "n") value += "\n";
        else if (next === "\\" || next === '"') value += next;
        else throw new Error(`line ${line}: bad escape \\${next}`);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    labels[name] = value;
    i++;
    while (text[i] === " ") i++;
    if (text[i] === ",") i++;
    else if (text[i] !== "}") throw new Error(`line ${line}: expected , or } after label ${name}`);
  }
}

function familyOf(sampleName: string, families: Map<string, Family>): Family | undefined {
  const exact = families.get(sampleName);
  if (exact) return exact;
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!sampleName.endsWith(suffix)) continue;
    const family = families.get(sampleName.slice(0, -suffix.length));
    if (family && (family.type === "histogram" || (family.type === "summary" && suffix !== "_bucket"))) return family;
  }
  return undefined;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    if (raw.startsWith("#")) {
      const match = /^#\s+(HELP|TYPE)\s+(\S+)\s?(.*)$/.exec(raw);
      if (!match) return; // a plain comment
      const [, keyword, name, rest] = match as unknown as [string, "HELP" | "TYPE", string, string];
      if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
      const family = families.get(name) ?? { name, help: "", type: "untyped" as MetricType, samples: [] };
      if (keyword === "HELP") family.help = rest.replace(/\\n/g, "\n").replace(/\\\\/g, "\\");
      else {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest))
          throw new Error(`line ${line}: unknown type "${rest}"`);
        if (family.samples.length > 0) throw new Error(`line ${line}: TYPE of ${name} after its samples`);
        family.type = rest as MetricType;
      }
      families.set(name, family);
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    if (nameEnd <= 0) throw new Error(`line ${line}: not a sample: ${raw}`);
    const name = raw.slice(0, nameEnd);
    if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
    let labels: Record<string, string> = {};
    let i = nameEnd;
    if (raw[i] === "{") ({ labels, end: i } = parseLabels(raw, i, line));
    const fields = raw.slice(i).trim().split(/\s+/);
    if (fields.length < 1 || fields.length > 2 || fields[0] === "") throw new Error(`line ${line}: bad sample: ${raw}`);
    const value = parseValue(fields[0]!, line);
    const family = familyOf(name, families);
    const owner = family ?? { name, help: "", type: "untyped" as MetricType, samples: [] };
    if (!family) families.set(name, owner);
    owner.samples.push({ name, labels, value });
  });
  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

/** Each series' buckets are cumulative, end at +Inf, and +Inf equals _count. */
function checkHistogram(family: Family): void {
  const series = new Map<string, { buckets: { le: number; value: number }[]; count?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name.endsWith("_bucket")) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      entry.buckets.push({ le: parseValue(le, 0), value: s.value });
    } else if (s.name.endsWith("_count")) entry.count = s.value;
  }
  for (const [key, { buckets, count }] of series) {
    const sorted = [...buckets].sort((a, b) => a.le - b.le);
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]!.value < sorted[i - 1]!.value) throw new Error(`${family.name}${key}: buckets are not cumulative`);
    const last = sorted.at(-1);
    if (!last || last.le !== Number.POSITIVE_INFINITY) throw new Error(`${family.name}${key}: no +Inf bucket`);
    if (count !== last.value) throw new Error(`${family.name}${key}: +Inf bucket ${last.value} ≠ count ${count}`);
  }
}

/** The one sample of `name` whose labels include `labels`; throws when there is none. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  const family = familyOf(name, families);
  const found = family?.samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (!found) throw new Error(`${name}${JSON.stringify(labels)} is not in the exposition`);
  return found.value;
}
