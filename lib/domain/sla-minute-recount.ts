// The reference for contractDowntime: the same rules applied literally, one
// minute and one ComponentRegion at a time. Slow on purpose (no sweep, no
// merging); the tests and `npm run bench -- sla` check the sweep against it.
import type {
  ComponentRegionDowntime,
  ContractDowntime,
  ContractDowntimeInput,
  MaintenanceDowntime,
  MinuteSpan,
} from "./sla.ts";
import { contractTerm, contractYearAt, contractYearStart, DAY_MS, MINUTE_MS } from "./sla-calendar.ts";
import { isQualifying, levelOf, maintenanceMinutes, UNKNOWN } from "./sla-events.ts";
import { COMPONENT_REGION_MINUTE_KINDS, maintenanceReason } from "./sla-result.ts";

const DAY_MINUTES = DAY_MS / MINUTE_MS;

interface Tally {
  downtime: number;
  excluded: number;
  unknown: number;
  outside: number;
}

interface CrState {
  points: { t: number; level: number }[];
  at: number;
  level: number;
  windows: { from: number; to: number; qualifying: boolean }[];
  minutes: number[];
}

// Local copies: imported bindings are property reads under some loaders, and these run per minute.
const MINUTE = MINUTE_MS;
const NO_DATA = UNKNOWN;

/** Worst level held during any part of [m, m + 1 minute); advances the state to m. */
function worstInMinute(cr: CrState, m: number): number {
  const start = m * MINUTE;
  const { points } = cr;
  while (cr.at < points.length && points[cr.at]!.t <= start) cr.level = points[cr.at++]!.level;
  let worst = cr.level;
  for (let k = cr.at; k < points.length && points[k]!.t < start + MINUTE; k++) {
    // A status replaced at the same instant was never held.
    if (points[k + 1]?.t !== points[k]!.t) worst = Math.max(worst, points[k]!.level);
  }
  return worst;
}

function availability(downtimeMilli: number, measured: number): number | null {
  return measured > 0 ? Math.min(1, Math.max(0, 1 - downtimeMilli / (1000 * measured))) : null;
}

function pushSpan<T extends MinuteSpan>(spans: T[], m: number, same: (last: T) => boolean, make: () => T): void {
  const last = spans.at(-1);
  if (last && last.to.getTime() === m * MINUTE && same(last)) {
    last.to = new Date((m + 1) * MINUTE);
    last.minutes++;
  } else spans.push(make());
}

interface MaintenanceTally {
  from: number;
  to: number;
  qualifying: boolean;
  covers: boolean;
  excluded: number;
  counted: number;
}

interface Recount {
  R: number;
  E: number;
  S: number;
  term: { from: number; to: number };
  yearStarts: Set<number>;
  weight: number[];
  allowance: number;
  crs: CrState[];
  maintenance: MaintenanceTally[];
  total: Tally;
  days: Map<number, Tally & { minutes: number }>;
  unknownSpans: MinuteSpan[];
  charged: ContractDowntime["charged"];
  used: number;
  usedBeforeWindow: number;
}

function prepare(input: ContractDowntimeInput): Recount {
  const { terms } = input;
  const R = input.window.from.getTime() / MINUTE;
  const E = input.window.to.getTime() / MINUTE;
  const S =
    input.allowanceUsedMinutes !== undefined
      ? R
      : Math.min(R, contractYearStart(terms, input.window.from).getTime() / MINUTE);
  const yearStarts = new Set<number>();
  for (let k = 1; contractYearAt(terms, k).getTime() < E * MINUTE; k++)
    yearStarts.add(contractYearAt(terms, k).getTime() / MINUTE);
  const covered = new Set(input.componentRegions.map((cr) => cr.componentRegionId));
  const maintenance = input.maintenance.map((w) => ({
    ...maintenanceMinutes(w),
    qualifying: isQualifying(w, terms.maintenanceNoticeDays),
    covers: w.componentRegionIds.some((id) => covered.has(id)),
    excluded: 0,
    counted: 0,
  }));
  const crs: CrState[] = input.componentRegions.map((cr) => ({
    points: cr.history.map((p) => ({ t: p.at.getTime(), level: levelOf(p.status) })),
    at: 0,
    level: levelOf(cr.initial ?? null),
    windows: maintenance.filter((_, k) => input.maintenance[k]!.componentRegionIds.includes(cr.componentRegionId)),
    minutes: COMPONENT_REGION_MINUTE_KINDS.map(() => 0),
  }));
  return {
    R,
    E,
    S,
    term: contractTerm(terms),
    yearStarts,
    weight: [0, Math.round(terms.degradedWeight * 1000), Math.round(terms.partialOutageWeight * 1000), 1000],
    allowance: terms.maintenanceAllowanceHours * 60,
    crs,
    maintenance,
    total: { downtime: 0, excluded: 0, unknown: 0, outside: 0 },
    days: new Map(),
    unknownSpans: [],
    charged: [],
    used: input.allowanceUsedMinutes ?? 0,
    usedBeforeWindow: 0,
  };
}

/** Each covered ComponentRegion in minute m, into its buckets (COMPONENT_REGION_MINUTE_KINDS order); the contract's weight. */
function componentRegionsIn(r: Recount, m: number, available: boolean, reported: boolean) {
  let w = 0;
  let anyQualifying = false;
  let anyUnknown = r.crs.length === 0;
  for (const cr of r.crs) {
    const level = worstInMinute(cr, m);
    let qualifying = false;
    let other = false;
    for (const x of cr.windows) {
      if (x.from <= m && m < x.to) {
        if (x.qualifying) qualifying = true;
        else other = true;
      }
    }
    let bucket: number;
    if (qualifying) {
      anyQualifying = true;
      bucket = available ? 4 : 5;
      if (!available) w = Math.max(w, 1000);
    } else if (other) {
      bucket = 5;
      w = Math.max(w, 1000);
    } else if (level === NO_DATA) {
      bucket = 6;
      anyUnknown = true;
    } else {
      bucket = level;
      w = Math.max(w, r.weight[level]!);
    }
    if (reported) cr.minutes[bucket]!++;
  }
  return { w, anyQualifying, anyUnknown };
}

export function recountContractDowntime(input: ContractDowntimeInput): ContractDowntime {
  const r = prepare(input);
  const { total } = r;
  for (let m = r.S; m < r.E; m++) {
    if (r.yearStarts.has(m) && m > r.S) r.used = 0;
    if (m === r.R) r.usedBeforeWindow = r.used;
    const reported = m >= r.R;
    const dayKey = Math.floor(m / DAY_MINUTES);
    const day = r.days.get(dayKey) ?? { minutes: 0, downtime: 0, excluded: 0, unknown: 0, outside: 0 };
    if (reported) {
      r.days.set(dayKey, day);
      day.minutes++;
    }
    if (m * MINUTE < r.term.from || m * MINUTE >= r.term.to) {
      if (reported) {
        total.outside++;
        day.outside++;
      }
      continue;
    }
    const available = r.used < r.allowance;
    const { w, anyQualifying, anyUnknown } = componentRegionsIn(r, m, available, reported);
    for (const x of reported ? r.maintenance : []) {
      if (x.covers && x.from <= m && m < x.to) {
        if (x.qualifying && available) x.excluded++;
        else x.counted++;
      }
    }
    if (w > 0) {
      if (!reported) continue;
      total.downtime += w;
      day.downtime += w;
      pushSpan(
        r.charged,
        m,
        (last) => last.weight * 1000 === w,
        () => ({ from: new Date(m * MINUTE), to: new Date((m + 1) * MINUTE), minutes: 1, weight: w / 1000 }),
      );
    } else if (anyQualifying) {
      r.used++;
      if (!reported) continue;
      total.excluded++;
      day.excluded++;
    } else if (anyUnknown && reported) {
      total.unknown++;
      day.unknown++;
      pushSpan(
        r.unknownSpans,
        m,
        () => true,
        () => ({ from: new Date(m * MINUTE), to: new Date((m + 1) * MINUTE), minutes: 1 }),
      );
    }
  }
  return recountResult(input, r);
}

function recountResult(input: ContractDowntimeInput, r: Recount): ContractDowntime {
  const monthMinutes = input.monthMinutes ?? r.E - r.R;
  const measured = Math.max(0, monthMinutes - r.total.excluded - r.total.unknown - r.total.outside);
  const componentRegions: ComponentRegionDowntime[] = r.crs.map((cr, i) => {
    const minutes = Object.fromEntries(
      COMPONENT_REGION_MINUTE_KINDS.map((kind, k) => [kind, cr.minutes[k]!]),
    ) as ComponentRegionDowntime["minutes"];
    const downtime =
      minutes.major_outage * 1000 +
      minutes.partial_outage * r.weight[2]! +
      minutes.degraded_performance * r.weight[1]! +
      minutes.maintenance_counted * 1000;
    const crMeasured = Math.max(0, monthMinutes - r.total.outside - minutes.maintenance_excluded - minutes.unknown);
    return {
      componentRegionId: input.componentRegions[i]!.componentRegionId,
      minutes,
      downtimeMinutes: downtime / 1000,
      measuredMinutes: crMeasured,
      availability: availability(downtime, crMeasured),
    };
  });
  const maintenance: MaintenanceDowntime[] = [];
  r.maintenance.forEach((x, k) => {
    if (x.excluded + x.counted === 0) return;
    const window = input.maintenance[k]!;
    const aheadMs = window.from.getTime() - window.announcedAt.getTime();
    const reason = maintenanceReason(x.qualifying, aheadMs, input.terms.maintenanceNoticeDays, x.counted);
    maintenance.push({
      id: window.id,
      qualifying: x.qualifying,
      daysAhead: Math.floor(aheadMs / DAY_MS),
      excludedMinutes: x.excluded,
      countedMinutes: x.counted,
      reason,
    });
  });
  const daily = [...r.days].map(([key, d]) => ({
    day: new Date(key * DAY_MS).toISOString().slice(0, 10),
    minutes: d.minutes,
    downtimeMinutes: d.downtime / 1000,
    excludedMinutes: d.excluded,
    unknownMinutes: d.unknown,
    outsideTermMinutes: d.outside,
    availability: availability(d.downtime, d.minutes - d.excluded - d.unknown - d.outside),
  }));
  const endsYear = contractYearStart(input.terms, input.window.to).getTime() === input.window.to.getTime();
  const usedAtEnd = endsYear ? 0 : r.used;
  return {
    window: { from: new Date(r.R * MINUTE), to: new Date(r.E * MINUTE) },
    windowMinutes: r.E - r.R,
    monthMinutes,
    downtimeMinutes: r.total.downtime / 1000,
    excludedMinutes: r.total.excluded,
    unknownMinutes: r.total.unknown,
    outsideTermMinutes: r.total.outside,
    measuredMinutes: measured,
    availability: availability(r.total.downtime, measured),
    unknownSpans: r.unknownSpans,
    charged: r.charged,
    componentRegions,
    maintenance,
    daily,
    allowance: {
      minutesPerYear: r.allowance,
      usedBeforeWindow: r.E === r.R ? usedAtEnd : r.usedBeforeWindow,
      usedAtEnd,
    },
  };
}
