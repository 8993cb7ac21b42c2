// A span of time as people say it: "45 s", "4 min 12 s", "2 h 5 min", "3 d 4 h".
// Two units at most: enough to compare response times at a glance.
const UNITS = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["min", 60_000],
  ["s", 1_000],
] as const;

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1_000) return ms <= 0 ? "0 s" : "< 1 s";
  const seconds = Math.round(ms / 1_000) * 1_000;
  const first = UNITS.findIndex(([, size]) => seconds >= size);
  const [unit, size] = UNITS[first]!;
  const words = [`${Math.floor(seconds / size)} ${unit}`];
  const next = UNITS[first + 1];
  if (next && Math.floor((seconds % size) / next[1]) > 0)
    words.push(`${Math.floor((seconds % size) / next[1])} ${next[0]}`);
  return words.join(" ");
}
