// The demo history's daily and weekly rhythm: checks are slowest in the
// working afternoon (UTC) on weekdays and quickest at night and at weekends,
// so seasonal early warning has a baseline worth learning. Pure.
const HOUR_MS = 3_600_000;

/** The quietest hour's latency as a share of the busiest's. */
export const QUIET_SHARE = 0.6;
/** Weekends carry this share of a weekday's daily swing. */
export const WEEKEND_SWING = 0.4;
/** The busiest hour of the day, UTC. */
export const PEAK_HOUR_UTC = 15;

/** A factor in [QUIET_SHARE, 1] on a healthy check's latency at `at`. */
export function latencyFactor(at: number): number {
  const hour = (at % 86_400_000) / HOUR_MS;
  const weekday = new Date(at).getUTCDay();
  const swing = weekday === 0 || weekday === 6 ? WEEKEND_SWING : 1;
  const busy = 0.5 + 0.5 * Math.cos((2 * Math.PI * (hour - PEAK_HOUR_UTC)) / 24);
  return QUIET_SHARE + (1 - QUIET_SHARE) * swing * busy;
}
