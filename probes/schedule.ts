// Where each probe's runs fall. Pure: every run sits on a fixed grid
// (epoch-aligned interval plus a per-probe offset), so runs never drift and
// the probes of one agent spread evenly over their interval.

/** A stable offset in [0, intervalMs) for a probe at a vantage (FNV-1a). */
export function probeOffsetMs(probeId: string, vantage: string, intervalMs: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${probeId}@${vantage}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % intervalMs;
}

/** The first slot of the grid strictly after `afterMs`. */
export function nextSlot(afterMs: number, intervalMs: number, offsetMs: number): number {
  const base = Math.floor((afterMs - offsetMs) / intervalMs) * intervalMs + offsetMs;
  return base > afterMs ? base : base + intervalMs;
}
