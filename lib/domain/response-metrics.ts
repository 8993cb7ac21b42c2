// Response metrics: how long until an incident was detected, acknowledged and
// resolved, per incident and summarised (median and mean). Pure.
//   detect      = detectedAt − startedAt      (probes' confirmation, or a person noticing)
//   acknowledge = acknowledgedAt − detectedAt (a person approved, dismissed or declared it)
//   resolve     = resolvedAt − startedAt      (what customers lived through)

export interface IncidentTimes {
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export interface ResponseTimes {
  timeToDetectMs: number | null;
  timeToAcknowledgeMs: number | null;
  timeToResolveMs: number | null;
}

/** null where a moment is not reached yet; never negative (a backdated start cannot make time run backwards). */
export function responseTimes(i: IncidentTimes): ResponseTimes {
  const span = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, to.getTime() - from.getTime()) : null);
  return {
    timeToDetectMs: span(i.startedAt, i.detectedAt),
    timeToAcknowledgeMs: span(i.detectedAt, i.acknowledgedAt),
    timeToResolveMs: span(i.startedAt, i.resolvedAt),
  };
}

export interface Summary {
  /** How many incidents have this measure. */
  count: number;
  medianMs: number | null;
  meanMs: number | null;
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, medianMs: null, meanMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: sorted.length, medianMs, meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

export interface ResponseAggregate {
  incidents: number;
  detect: Summary;
  acknowledge: Summary;
  resolve: Summary;
}

export function aggregateResponse(times: readonly ResponseTimes[]): ResponseAggregate {
  const present = (pick: (t: ResponseTimes) => number | null) => times.map(pick).filter((v): v is number => v !== null);
  return {
    incidents: times.length,
    detect: summarise(present((t) => t.timeToDetectMs)),
    acknowledge: summarise(present((t) => t.timeToAcknowledgeMs)),
    resolve: summarise(present((t) => t.timeToResolveMs)),
  };
}
