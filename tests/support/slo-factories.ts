// Synthetic check counts written straight into the minute, hour and day
// rollups, consistently (each hour and day is the sum of its minutes), for
// error-budget and burn-rate tests.
import type { Db } from "../../lib/db.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Minute rows only for the last 7 hours (the burn windows read minutes up to 6 h back); hours and days for all of it. */
const MINUTE_ROWS_KEPT = 7 * 60;

export interface MinuteChecks {
  good: number;
  bad: number;
}

/**
 * One rollup bucket per minute from `now − minutes` to `now` (the minute holding
 * `now` included), counts from `checksAt(minuteStart)`; replaces what was there.
 */
export async function writeChecks(
  db: Db,
  componentRegionId: string,
  now: Date,
  minutes: number,
  checksAt: (minuteStart: number) => MinuteChecks,
): Promise<void> {
  const last = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const first = last - minutes * MINUTE;
  const minuteRows: {
    componentRegionId: string;
    bucketStart: Date;
    upCount: number;
    downCount: number;
    latencyHistogram: number[];
  }[] = [];
  const hours = new Map<number, MinuteChecks>();
  const days = new Map<number, MinuteChecks>();
  const add = (map: Map<number, MinuteChecks>, key: number, c: MinuteChecks) => {
    const sum = map.get(key) ?? { good: 0, bad: 0 };
    map.set(key, { good: sum.good + c.good, bad: sum.bad + c.bad });
  };
  for (let m = first; m <= last; m += MINUTE) {
    const c = checksAt(m);
    if (c.good + c.bad === 0) continue;
    if (m >= last - MINUTE_ROWS_KEPT * MINUTE)
      minuteRows.push({
        componentRegionId,
        bucketStart: new Date(m),
        upCount: c.good,
        downCount: c.bad,
        latencyHistogram: [],
      });
    add(hours, Math.floor(m / HOUR) * HOUR, c);
    add(days, Math.floor(m / DAY) * DAY, c);
  }
  const rows = (map: Map<number, MinuteChecks>) =>
    [...map].map(([start, c]) => ({
      componentRegionId,
      bucketStart: new Date(start),
      upCount: c.good,
      downCount: c.bad,
      latencyHistogram: [] as number[],
    }));
  await db.$transaction([
    db.rollupMinute.deleteMany({ where: { componentRegionId } }),
    db.rollupHour.deleteMany({ where: { componentRegionId } }),
    db.rollupDay.deleteMany({ where: { componentRegionId } }),
    db.rollupMinute.createMany({ data: minuteRows }),
    db.rollupHour.createMany({ data: rows(hours) }),
    db.rollupDay.createMany({ data: rows(days) }),
  ]);
}

/** `base` good checks a minute, and `bad` failed ones out of them in the last `burstMinutes` (minute starts after now − burst). */
export function burst(now: Date, burstMinutes: number, bad: number, base = 10_000): (m: number) => MinuteChecks {
  const from = now.getTime() - burstMinutes * MINUTE;
  return (m) => (m > from ? { good: base - bad, bad } : { good: base, bad: 0 });
}
