// Synthetic SLA data for `npm run bench -- sla`: a year of confirmed status
// history for 1,000 ComponentRegions (sparse bad spells at odd seconds, a few
// data gaps), maintenance windows announced in time or late, and 100 contracts.
import type { CoveredComponentRegion, MonthRule, SlaMaintenance, SlaTerms } from "../lib/domain/sla.ts";
import type { ComponentStatus } from "../lib/domain/status.ts";
import type { StatusPoint } from "../lib/domain/uptime.ts";
import { seededRandom } from "./random.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export const YEAR = 2025;
export const MONTHS = Array.from({ length: 12 }, (_, k) => `${YEAR}-${String(k + 1).padStart(2, "0")}`);
const YEAR_FROM = Date.UTC(YEAR, 0, 1);
const YEAR_TO = Date.UTC(YEAR + 1, 0, 1);

export interface SlaBenchContract {
  id: string;
  terms: SlaTerms;
  monthRule: MonthRule;
  slaTargetPercent: number;
  componentRegions: CoveredComponentRegion[];
  maintenance: SlaMaintenance[];
}

export interface SlaBenchData {
  componentRegionIds: string[];
  contracts: SlaBenchContract[];
  statusPoints: number;
  maintenanceWindows: number;
}

export interface SlaBenchOptions {
  componentRegions: number;
  contracts: number;
  minCovered: number;
  maxCovered: number;
  maintenanceWindows: number;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Exponential wait with the given mean, at millisecond precision: changes rarely fall on a minute. */
function wait(random: () => number, meanMs: number): number {
  return Math.max(1, Math.round(-Math.log(1 - random()) * meanMs));
}

/** Operational with a bad spell every ~2 days (10–60 min typical) and a data gap every ~3 weeks. */
function history(random: () => number): StatusPoint[] {
  const points: StatusPoint[] = [];
  for (let t = YEAR_FROM + wait(random, 2 * DAY_MS); t < YEAR_TO; t += wait(random, 2 * DAY_MS)) {
    const gap = random() < 0.05;
    const status: ComponentStatus | null = gap
      ? null
      : pick(random, [
          "degraded_performance",
          "degraded_performance",
          "partial_outage",
          "partial_outage",
          "major_outage",
        ]);
    points.push({ at: new Date(t), status });
    // Half the spells worsen or ease once before they end.
    if (!gap && random() < 0.5) {
      t += wait(random, 10 * MINUTE_MS);
      points.push({
        at: new Date(t),
        status: pick(random, ["degraded_performance", "partial_outage", "major_outage"]),
      });
    }
    t += wait(random, gap ? 2 * HOUR_MS : 20 * MINUTE_MS);
    points.push({ at: new Date(t), status: "operational" });
  }
  return points;
}

function maintenanceWindows(random: () => number, ids: readonly string[], count: number): SlaMaintenance[] {
  return Array.from({ length: count }, (_, k) => {
    const from = YEAR_FROM + Math.floor((random() * (YEAR_TO - YEAR_FROM - DAY_MS)) / MINUTE_MS) * MINUTE_MS;
    const first = Math.floor(random() * ids.length);
    const size = 5 + Math.floor(random() * 46);
    return {
      id: `maintenance-${k}`,
      from: new Date(from),
      to: new Date(from + (1 + Math.floor(random() * 4)) * HOUR_MS),
      // One in five is announced late (1–6 days ahead).
      announcedAt: new Date(
        from - (random() < 0.2 ? 1 + Math.floor(random() * 6) : 7 + Math.floor(random() * 14)) * DAY_MS,
      ),
      componentRegionIds: Array.from({ length: size }, (_, i) => ids[(first + i) % ids.length]!),
    };
  });
}

export function buildSlaData(options: SlaBenchOptions): SlaBenchData {
  const random = seededRandom(20_251_231);
  const ids = Array.from({ length: options.componentRegions }, (_, k) => `cr-${k}`);
  const histories = new Map(ids.map((id) => [id, history(random)]));
  const windows = maintenanceWindows(random, ids, options.maintenanceWindows);
  const contracts = Array.from({ length: options.contracts }, (_, k): SlaBenchContract => {
    const size = options.minCovered + Math.floor(random() * (options.maxCovered - options.minCovered + 1));
    const first = Math.floor(random() * ids.length);
    const covered = new Set(Array.from({ length: size }, (_, i) => ids[(first + i * 7) % ids.length]!));
    // Most contracts started in the year before (contract years turn mid-month); one in ten starts during the year.
    const startsOn = new Date(
      random() < 0.1
        ? YEAR_FROM + Math.floor(random() * 300) * DAY_MS
        : YEAR_FROM - Math.floor(random() * 365) * DAY_MS,
    );
    return {
      id: `contract-${k}`,
      terms: {
        startsOn,
        endsOn: random() < 0.05 ? new Date(YEAR_FROM + (300 + Math.floor(random() * 60)) * DAY_MS) : null,
        partialOutageWeight: pick(random, [0.3, 0.5, 0.75]),
        degradedWeight: pick(random, [0, 0, 0.1, 0.25]),
        maintenanceNoticeDays: 7,
        maintenanceAllowanceHours: pick(random, [2, 4, 8, 24]),
      },
      monthRule: random() < 0.5 ? "calendar" : "fixed_30_days",
      slaTargetPercent: pick(random, [99.9, 99.95, 99.99]),
      componentRegions: [...covered].map((id) => ({
        componentRegionId: id,
        initial: "operational",
        history: histories.get(id)!,
      })),
      maintenance: windows.filter((w) => w.componentRegionIds.some((id) => covered.has(id))),
    };
  });
  const statusPoints = [...histories.values()].reduce((sum, h) => sum + h.length, 0);
  return { componentRegionIds: ids, contracts, statusPoints, maintenanceWindows: windows.length };
}
