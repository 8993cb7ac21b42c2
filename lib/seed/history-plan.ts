// A platform's past, planned before it is written: incident and maintenance
// windows on round boundaries, the check results every vantage would have
// seen, and the status history they imply. Pure; deterministic for a seed.
import { DEFAULT_CONFIRM_ROUNDS, DEFAULT_QUORUM } from "../domain/confirmation.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";
import type { CheckResultInput } from "../monitoring/ingest-results.ts";
import { latencyFactor } from "./latency-pattern.ts";

export type RandomSource = () => number;

/** A 32-bit seeded generator (mulberry32): the same history on every run. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** murmur3 over four words: random access into the history, so any slice can be rebuilt alone. */
function hash4(a: number, b: number, c: number, d: number): number {
  let h = 0x9747b28c;
  for (const word of [a, b, c, d]) {
    let k = Math.imul(word | 0, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const HISTORY_DAYS = 90;
export const HISTORY_CADENCE_MINUTES = 30;
/** A clean stretch's chance, per component-region and round, of one vantage failing alone. */
export const BLIP_PROBABILITY = 1 / 1000;
/** Matches Probe.degradedAboveMs's default. */
export const DEGRADED_ABOVE_MS = 1000;
/** Vantages check within this much of a round's start, so a round's results share a minute. */
const MAX_JITTER_MS = 9_000;
const DAY_MS = 86_400_000;
const K = DEFAULT_CONFIRM_ROUNDS;

export interface HistoryComponentRegion {
  id: string;
  componentKey: string;
  regionKey: string;
  probeId: string;
}

export interface HistoryVantage {
  id: string;
  key: string;
}

export type HistoryIncidentStatus = "major_outage" | "partial_outage" | "degraded_performance";

export interface HistoryIncidentSpec {
  key: string;
  componentKey: string;
  /** Region keys hit, or every region the component runs in. */
  regions: readonly string[] | "all";
  status: HistoryIncidentStatus;
  /** How long before `now` it started; aligned down to the cadence. */
  startDaysAgo: number;
  durationMinutes: number;
  reason: string;
  recovery: string;
  /** What a failing check saw (not used for degraded performance). */
  failure?: Failure;
  /** Partial outage: the vantage whose network path failed; else one is drawn. */
  failingVantage?: string;
}

export interface HistoryMaintenanceSpec {
  key: string;
  componentKey: string;
  regionKey: string;
  startDaysAgo: number;
  durationMinutes: number;
  title: string;
  description: string;
}

export interface HistoryPlanInput {
  componentRegions: readonly HistoryComponentRegion[];
  vantages: readonly HistoryVantage[];
  now: Date;
  days?: number;
  cadenceMinutes?: number;
  random: RandomSource;
  incidents: readonly HistoryIncidentSpec[];
  maintenances: readonly HistoryMaintenanceSpec[];
  blipProbability?: number;
}

/** Half-open [from, to), on round boundaries. */
export interface PlannedIncident {
  spec: HistoryIncidentSpec;
  from: Date;
  to: Date;
  componentRegionIds: string[];
  failingVantageId: string | null;
}

export interface PlannedMaintenance {
  spec: HistoryMaintenanceSpec;
  from: Date;
  to: Date;
  componentRegionId: string;
}

export interface PlannedStatusChange {
  componentRegionId: string;
  at: Date;
  source: "probes";
  fromStatus: ComponentStatus | null;
  toStatus: ComponentStatus;
  evidence: { seeded: true; reason: string; incident?: string };
}

export interface HistoryPlan {
  seed: number;
  blipProbability: number;
  cadenceMs: number;
  /** Round i starts at firstRound + i × cadence; the last is at or before now. */
  firstRound: Date;
  rounds: number;
  componentRegions: readonly HistoryComponentRegion[];
  vantages: readonly HistoryVantage[];
  incidents: PlannedIncident[];
  maintenances: PlannedMaintenance[];
  /** Keys of incidents and maintenances that do not fit in the history. */
  leftOut: string[];
  statusChanges: PlannedStatusChange[];
  resultCount: number;
}

export interface PlannedResult {
  vantageRegionId: string;
  result: CheckResultInput & { checkedAt: string };
}

export function buildHistoryPlan(input: HistoryPlanInput): HistoryPlan {
  const cadenceMs = (input.cadenceMinutes ?? HISTORY_CADENCE_MINUTES) * 60_000;
  if (!Number.isInteger(cadenceMs) || cadenceMs < 60_000)
    throw new RangeError("cadence must be a whole number of minutes ≥ 1");
  const rounds = Math.floor(((input.days ?? HISTORY_DAYS) * DAY_MS) / cadenceMs);
  const { componentRegions: crs, vantages } = input;
  // Result ids spell out (round, component-region, vantage), so they are unique by construction.
  if (rounds < 1 || rounds >= 2 ** 24 || crs.length >= 2 ** 16 || vantages.length >= 2 ** 8)
    throw new RangeError("history too large to plan");
  const lastRound = Math.floor((input.now.getTime() - MAX_JITTER_MS) / cadenceMs) * cadenceMs;
  const firstRound = new Date(lastRound - (rounds - 1) * cadenceMs);
  const seed = Math.floor(input.random() * 2 ** 32);
  const { incidents, maintenances, leftOut } = planWindows(input, firstRound.getTime(), lastRound, cadenceMs);

  const statusChanges = crs.map((cr) => change(cr.id, firstRound, null, "operational", "history starts"));
  for (const { spec, from, to, componentRegionIds } of incidents) {
    for (const id of componentRegionIds) {
      statusChanges.push(change(id, from, "operational", spec.status, spec.reason, spec.key));
      statusChanges.push(change(id, to, spec.status, "operational", spec.recovery, spec.key));
    }
  }
  statusChanges.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.componentRegionId < b.componentRegionId ? -1 : 1));

  const blipProbability = input.blipProbability ?? BLIP_PROBABILITY;
  const resultCount = rounds * crs.length * vantages.length;
  return {
    seed,
    blipProbability,
    cadenceMs,
    firstRound,
    rounds,
    componentRegions: crs,
    vantages,
    incidents,
    maintenances,
    leftOut,
    statusChanges,
    resultCount,
  };
}

/** Aligns each window to rounds; one needs K clean rounds on either side, so confirmation would see it begin and end. */
function planWindows(input: HistoryPlanInput, first: number, last: number, cadenceMs: number) {
  const { componentRegions: crs, vantages } = input;
  const leftOut: string[] = [];
  const align = (spec: { key: string; startDaysAgo: number; durationMinutes: number }) => {
    const from = Math.floor((input.now.getTime() - spec.startDaysAgo * DAY_MS) / cadenceMs) * cadenceMs;
    const to = from + Math.max(1, Math.ceil((spec.durationMinutes * 60_000) / cadenceMs)) * cadenceMs;
    const fits = from >= first + K * cadenceMs && to + K * cadenceMs <= last + cadenceMs;
    if (!fits) leftOut.push(spec.key);
    return fits ? { from: new Date(from), to: new Date(to) } : null;
  };
  const find = (componentKey: string, regionKey: string) => {
    const cr = crs.find((c) => c.componentKey === componentKey && c.regionKey === regionKey);
    if (!cr) throw new RangeError(`history: ${componentKey} does not run in ${regionKey}`);
    return cr;
  };

  const incidents: PlannedIncident[] = [];
  for (const spec of input.incidents) {
    const window = align(spec);
    const hit =
      spec.regions === "all"
        ? crs.filter((c) => c.componentKey === spec.componentKey)
        : spec.regions.map((r) => find(spec.componentKey, r));
    const named = vantages.find((v) => v.key === spec.failingVantage);
    const failing =
      spec.status !== "partial_outage"
        ? null
        : (named ?? vantages[Math.floor(input.random() * vantages.length)] ?? null);
    if (window)
      incidents.push({
        spec,
        ...window,
        componentRegionIds: hit.map((c) => c.id),
        failingVantageId: failing?.id ?? null,
      });
  }
  const maintenances: PlannedMaintenance[] = [];
  for (const spec of input.maintenances) {
    const window = align(spec);
    if (window) maintenances.push({ spec, ...window, componentRegionId: find(spec.componentKey, spec.regionKey).id });
  }

  const all = [
    ...incidents.flatMap((i) => i.componentRegionIds.map((id) => ({ id, ...i }))),
    ...maintenances.map((m) => ({ id: m.componentRegionId, ...m })),
  ];
  const near = (a: (typeof all)[number], b: (typeof all)[number]) =>
    a !== b &&
    a.id === b.id &&
    b.from.getTime() < a.to.getTime() + K * cadenceMs &&
    a.from.getTime() < b.to.getTime() + K * cadenceMs;
  for (const a of all) {
    const clash = all.find((b) => near(a, b));
    if (clash) throw new RangeError(`history: ${a.spec.key} and ${clash.spec.key} overlap on one component-region`);
  }
  return { incidents, maintenances, leftOut };
}

function change(
  componentRegionId: string,
  at: Date,
  fromStatus: ComponentStatus | null,
  toStatus: ComponentStatus,
  reason: string,
  incident?: string,
): PlannedStatusChange {
  return {
    componentRegionId,
    at,
    source: "probes",
    fromStatus,
    toStatus,
    evidence: { seeded: true, reason, ...(incident ? { incident } : {}) },
  };
}

type Window = { fromRound: number; toRound: number; incident: PlannedIncident | null };

function windowsByComponentRegion(plan: HistoryPlan): Window[][] {
  const index = new Map(plan.componentRegions.map((cr, i) => [cr.id, i]));
  const byCr: Window[][] = plan.componentRegions.map(() => []);
  const round = (at: Date) => (at.getTime() - plan.firstRound.getTime()) / plan.cadenceMs;
  for (const incident of plan.incidents) {
    for (const id of incident.componentRegionIds)
      byCr[index.get(id)!]!.push({ fromRound: round(incident.from), toRound: round(incident.to), incident });
  }
  for (const m of plan.maintenances)
    byCr[index.get(m.componentRegionId)!]!.push({ fromRound: round(m.from), toRound: round(m.to), incident: null });
  return byCr;
}

const CONTINENT: readonly [RegExp, string][] = [
  [/^(europe|eu-)/, "eu"],
  [/^(us|northamerica)/, "us"],
  [/^(australia|ap-southeast-2)/, "au"],
];
const continentOf = (regionKey: string) => CONTINENT.find(([re]) => re.test(regionKey))?.[1] ?? "other";
/** Round-trip milliseconds between continents, kept within the 20–150 ms a healthy check takes. */
const BASE_LATENCY_MS: Readonly<Record<string, number>> = { same: 40, "eu|us": 95, "au|us": 130, "au|eu": 138 };

function baseLatency(vantageKey: string, targetKey: string): number {
  if (vantageKey === targetKey) return 24;
  const pair = [continentOf(vantageKey), continentOf(targetKey)].sort().join("|");
  return BASE_LATENCY_MS[pair] ?? BASE_LATENCY_MS.same!;
}

const chance = (plan: HistoryPlan, round: number, cr: number) =>
  hash4(plan.seed, round, cr, 0xb119) / 2 ** 32 < plan.blipProbability;
/** A blip never follows another and stays K rounds clear of any window and of the start: it can never confirm. */
function isBlip(plan: HistoryPlan, round: number, cr: number, windows: readonly Window[]): boolean {
  if (round < K || !chance(plan, round, cr) || chance(plan, round - 1, cr)) return false;
  return windows.every((w) => round < w.fromRound - K || round >= w.toRound + K);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex32 = (n: number) => HEX[(n >>> 24) & 255]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;

/**
 * A v4 layout whose first 48 bits spell (round, component-region, vantage): unique by
 * construction, and time-ordered like UUIDv7, so a million inserts append to the index.
 */
function resultId(random: RandomSource, round: number, cr: number, vantage: number): string {
  const head = hex32(round).slice(2) + hex32(cr).slice(4) + HEX[vantage]!;
  const b = hex32(random() * 2 ** 32);
  const c = hex32(random() * 2 ** 32);
  return `${head.slice(0, 8)}-${head.slice(8)}-4${b.slice(0, 3)}-${"89ab"[b.charCodeAt(3) & 3]}${b.slice(4, 7)}-${c}${hex32(random() * 2 ** 32).slice(4)}`;
}

/** ISO time of a round plus a jitter under a minute, without a Date per result. */
function isoAt(minutePrefix: string, jitterMs: number): string {
  const seconds = Math.floor(jitterMs / 1000);
  return `${minutePrefix}${seconds < 10 ? "0" : ""}${seconds}.${String(jitterMs % 1000).padStart(3, "0")}Z`;
}

/** The results of rounds [fromRound, toRound), every component-region from every vantage. */
export function resultsForRounds(plan: HistoryPlan, fromRound: number, toRound: number): PlannedResult[] {
  const windows = windowsByComponentRegion(plan);
  const latencies = plan.componentRegions.map((cr) => plan.vantages.map((v) => baseLatency(v.key, cr.regionKey)));
  const out: PlannedResult[] = [];
  const n = plan.vantages.length;
  for (let round = Math.max(0, fromRound); round < Math.min(toRound, plan.rounds); round++) {
    const minutePrefix = new Date(plan.firstRound.getTime() + round * plan.cadenceMs).toISOString().slice(0, 17);
    const rhythm = latencyFactor(plan.firstRound.getTime() + round * plan.cadenceMs);
    for (let c = 0; c < plan.componentRegions.length; c++) {
      const window = windows[c]!.find((w) => round >= w.fromRound && round < w.toRound);
      const status = window?.incident?.spec.status ?? null;
      const draw = seededRandom(hash4(plan.seed, round, c, 0xffff));
      // A major outage may spare one vantage (a cached edge), never below quorum.
      const spared = status === "major_outage" && n - 1 >= DEFAULT_QUORUM && draw() < 0.3 ? Math.floor(draw() * n) : -1;
      const blip = !window && isBlip(plan, round, c, windows[c]!) ? Math.floor(draw() * n) : -1;
      for (let v = 0; v < n; v++) {
        const random = seededRandom(hash4(plan.seed, round, c, v));
        const id = resultId(random, round, c, v);
        const checkedAt = isoAt(minutePrefix, Math.floor(random() * MAX_JITTER_MS));
        const latency = Math.min(150, Math.max(20, Math.round(latencies[c]![v]! * rhythm * (0.9 + 0.2 * random()))));
        const failed =
          v === blip ||
          (status === "major_outage" && v !== spared) ||
          (status === "partial_outage" && plan.vantages[v]!.id === window!.incident!.failingVantageId);
        const failure = !failed
          ? null
          : v === blip
            ? BLIP_FAILURES[Math.floor(random() * BLIP_FAILURES.length)]!
            : (window!.incident!.spec.failure ?? BLIP_FAILURES[0]!);
        // A slow deploy pushes every check past the threshold; a maintenance's rolling upgrade slows them, but less.
        const slow =
          status === "degraded_performance"
            ? DEGRADED_ABOVE_MS + 100 + Math.round(random() * 2400)
            : window
              ? latency * 3
              : latency;
        const result = observe(id, plan.componentRegions[c]!.probeId, checkedAt, failure, failure ? latency : slow);
        out.push({ vantageRegionId: plan.vantages[v]!.id, result });
      }
    }
  }
  return out;
}

type Failure = { statusCode: number | null; error: string };

/** A result as the probe's own classification would report it (probes/checks/classify.ts). */
function observe(
  id: string,
  probeId: string,
  checkedAt: string,
  failure: Failure | null,
  latency: number,
): PlannedResult["result"] {
  if (failure)
    return {
      id,
      probeId,
      checkedAt,
      outcome: "down",
      latencyMs: failure.statusCode === null ? null : latency,
      statusCode: failure.statusCode,
      error: failure.error,
    };
  if (latency <= DEGRADED_ABOVE_MS)
    return { id, probeId, checkedAt, outcome: "up", latencyMs: latency, statusCode: 200, error: null };
  return {
    id,
    probeId,
    checkedAt,
    outcome: "degraded",
    latencyMs: latency,
    statusCode: 200,
    error: `took ${latency} ms, above the ${DEGRADED_ABOVE_MS} ms threshold`,
  };
}

const BLIP_FAILURES: readonly Failure[] = [
  { statusCode: null, error: "timed out after 5000 ms" },
  { statusCode: null, error: "connection reset" },
  { statusCode: 502, error: "expected status 200, got 502" },
];
