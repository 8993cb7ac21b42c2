import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIRM_ROUNDS, DEFAULT_QUORUM, roundStart } from "../domain/confirmation.ts";
import { foldRounds } from "../monitoring/evaluate-rounds.ts";
import { PRODUCTS, REGIONS } from "../platform/catalog.ts";
import {
  buildHistoryPlan,
  DEGRADED_ABOVE_MS,
  type HistoryPlan,
  type HistoryPlanInput,
  type PlannedResult,
  resultsForRounds,
  seededRandom,
} from "./history-plan.ts";
import { DEMO_HISTORY_INCIDENTS, DEMO_HISTORY_MAINTENANCES } from "./seed-history.ts";

const NOW = new Date("2026-11-22T12:34:56Z");
const K = DEFAULT_CONFIRM_ROUNDS;
const componentRegions = PRODUCTS.flatMap((p) => p.components).flatMap((c) =>
  c.regions.map((r) => ({ id: `${c.key}@${r}`, componentKey: c.key, regionKey: r, probeId: `probe:${c.key}@${r}` })),
);
const vantages = REGIONS.map((r) => ({ id: `vantage:${r.key}`, key: r.key }));

function plan(overrides: Partial<HistoryPlanInput> = {}): HistoryPlan {
  return buildHistoryPlan({
    componentRegions,
    vantages,
    now: NOW,
    random: seededRandom(7),
    incidents: DEMO_HISTORY_INCIDENTS,
    maintenances: DEMO_HISTORY_MAINTENANCES,
    ...overrides,
  });
}

/** Every result of the plan, a slice at a time, grouped by component-region and round. */
function eachRound(p: HistoryPlan, visit: (crId: string, round: number, results: PlannedResult[]) => void): void {
  for (let from = 0; from < p.rounds; from += 200) {
    const byProbe = new Map<string, Map<number, PlannedResult[]>>();
    for (const r of resultsForRounds(p, from, from + 200)) {
      const round = Math.floor((Date.parse(r.result.checkedAt) - p.firstRound.getTime()) / p.cadenceMs);
      const byRound = byProbe.get(r.result.probeId) ?? new Map<number, PlannedResult[]>();
      byRound.set(round, [...(byRound.get(round) ?? []), r]);
      byProbe.set(r.result.probeId, byRound);
    }
    for (const [probeId, byRound] of byProbe)
      for (const [round, results] of byRound) visit(probeId.slice("probe:".length), round, results);
  }
}

const full = plan();
const roundOf = (at: Date) => (at.getTime() - full.firstRound.getTime()) / full.cadenceMs;

describe("the history plan", () => {
  it("is the same history for the same seed, however it is sliced", () => {
    expect(plan()).toEqual(full);
    expect(resultsForRounds(full, 100, 110)).toEqual([
      ...resultsForRounds(full, 100, 104),
      ...resultsForRounds(full, 104, 110),
    ]);
    expect(resultsForRounds(plan(), 100, 110)).toEqual(resultsForRounds(full, 100, 110));
    expect(resultsForRounds(plan({ random: seededRandom(8) }), 100, 110)).not.toEqual(resultsForRounds(full, 100, 110));
  });

  it("covers 90 days at one result per vantage every 30 minutes, up to now", () => {
    expect(full.rounds).toBe(90 * 48);
    expect(full.resultCount).toBe(componentRegions.length * vantages.length * 90 * 48);
    const last = full.firstRound.getTime() + (full.rounds - 1) * full.cadenceMs;
    expect(last).toBeLessThanOrEqual(NOW.getTime());
    expect(NOW.getTime() - last).toBeLessThan(full.cadenceMs + 10_000);
    const slice = resultsForRounds(full, full.rounds - 48, full.rounds);
    expect(slice).toHaveLength(48 * componentRegions.length * vantages.length);
    expect(new Set(slice.map((r) => r.result.id)).size).toBe(slice.length);
    expect(slice.every((r) => new Date(r.result.checkedAt) <= NOW)).toBe(true);
  });

  it("plans the demo's incidents and maintenance on round boundaries", () => {
    expect(full.leftOut).toEqual([]);
    const at = (key: string) => full.incidents.find((i) => i.spec.key === key)!;
    expect(at("checkout-database-failure").componentRegionIds).toEqual(["checkout@us-central1.gcp"]);
    expect(at("merchant-center-cdn").componentRegionIds).toHaveLength(5);
    const minutes = (w: { from: Date; to: Date }) => (w.to.getTime() - w.from.getTime()) / 60_000;
    expect(full.incidents.map((i) => [i.spec.key, minutes(i)])).toEqual([
      ["checkout-database-failure", 120],
      ["search-network-path", 60],
      ["merchant-center-cdn", 60],
      ["carts-orders-slow-deploy", 180],
    ]);
    const [maintenance] = full.maintenances;
    expect(maintenance).toMatchObject({ componentRegionId: "products-api@eu-central-1.aws" });
    expect(minutes(maintenance!)).toBe(120);
    expect(maintenance!.from.getTime()).toBeGreaterThan(full.firstRound.getTime());
    expect(maintenance!.to.getTime()).toBeLessThan(NOW.getTime());
    for (const w of [...full.incidents, ...full.maintenances]) {
      expect(Number.isInteger(roundOf(w.from)) && Number.isInteger(roundOf(w.to))).toBe(true);
      expect(Math.abs(NOW.getTime() - w.spec.startDaysAgo * 86_400_000 - w.from.getTime())).toBeLessThan(
        full.cadenceMs,
      );
    }
  });

  it("shows every window in the results, and isolated single-vantage blips elsewhere", () => {
    const windowOf = (crId: string, round: number) =>
      [
        ...full.incidents.filter((i) => i.componentRegionIds.includes(crId)),
        ...full.maintenances.filter((m) => m.componentRegionId === crId),
      ].find((w) => round >= roundOf(w.from) && round < roundOf(w.to));
    const problems: string[] = [];
    const failingRounds = new Map<string, number[]>();
    let healthy = 0;
    eachRound(full, (crId, round, results) => {
      const down = results.filter((r) => r.result.outcome === "down");
      const window = windowOf(crId, round);
      const incident = window && "componentRegionIds" in window ? window : null;
      const status = incident?.spec.status ?? null;
      const ok =
        results.length === vantages.length &&
        (status === "major_outage"
          ? down.length >= Math.max(DEFAULT_QUORUM, vantages.length - 1) &&
            down.every((r) => r.result.error === incident!.spec.failure!.error)
          : status === "partial_outage"
            ? down.length === 1 && down[0]!.vantageRegionId === "vantage:us-east-2.aws"
            : status === "degraded_performance"
              ? results.every((r) => r.result.outcome === "degraded" && r.result.latencyMs! > DEGRADED_ABOVE_MS)
              : down.length === 1 ||
                results.every((r) => r.result.outcome === "up" && r.result.latencyMs! < DEGRADED_ABOVE_MS));
      if (!ok) problems.push(`${crId} round ${round}`);
      if (!status && down.length > 0) failingRounds.set(crId, [...(failingRounds.get(crId) ?? []), round]);
      if (!window && down.length === 0)
        healthy += results.filter((r) => r.result.latencyMs! >= 20 && r.result.latencyMs! <= 150).length;
    });
    expect(problems).toEqual([]);
    const blips = [...failingRounds.values()];
    expect(blips.flat().length).toBeGreaterThan(50);
    // Never two failing rounds in a row, let alone K.
    expect(blips.filter((rounds) => rounds.some((r, i) => i > 0 && r - rounds[i - 1]! < 2))).toEqual([]);
    expect(healthy).toBe(full.resultCount - countInWindowsOrBlips(full, blips.flat().length));
  }, 30_000);

  it("starts every component-region operational, alternates, and ends operational", () => {
    const byCr = new Map<string, typeof full.statusChanges>();
    for (const c of full.statusChanges) byCr.set(c.componentRegionId, [...(byCr.get(c.componentRegionId) ?? []), c]);
    expect([...byCr.keys()].sort()).toEqual(componentRegions.map((c) => c.id).sort());
    for (const changes of byCr.values()) {
      expect(changes[0]).toMatchObject({
        at: full.firstRound,
        fromStatus: null,
        toStatus: "operational",
        evidence: { seeded: true },
      });
      for (const [i, c] of changes.entries())
        if (i > 0) expect([c.fromStatus, c.at > changes[i - 1]!.at]).toEqual([changes[i - 1]!.toStatus, true]);
      expect(changes.at(-1)!.toStatus).toBe("operational");
      expect(changes.at(-1)!.at.getTime()).toBeLessThan(NOW.getTime());
    }
    expect(byCr.get("checkout@us-central1.gcp")!.map((c) => c.toStatus)).toEqual([
      "operational",
      "major_outage",
      "operational",
    ]);
    expect(byCr.get("carts-orders-api@eu-central-1.aws")!.map((c) => c.toStatus)).toEqual([
      "operational",
      "degraded_performance",
      "operational",
    ]);
  });

  it("is what confirmation itself concludes from the results, even with frequent blips", () => {
    // At 15-minute rounds every demo window spans at least K rounds; the evaluator's own fold must agree.
    // Blips in a fifth of all rounds would confirm if one ever followed another or touched a window.
    const watched = componentRegions.filter(
      (c) =>
        [
          "checkout@us-central1.gcp",
          "search@europe-west1.gcp",
          "carts-orders-api@eu-central-1.aws",
          "products-api@eu-central-1.aws",
          "studio@europe-west1.gcp",
        ].includes(c.id) || c.componentKey === "merchant-center",
    );
    const p = plan({ componentRegions: watched, cadenceMinutes: 15, blipProbability: 0.3 });
    const rounds = Array.from({ length: p.rounds }, (_, i) => new Date(p.firstRound.getTime() + i * p.cadenceMs));
    type Row = {
      probeId: string;
      vantageRegionId: string;
      checkedAt: Date;
      outcome: "up" | "degraded" | "down";
      error: string | null;
    };
    const byProbe = new Map(watched.map((c) => [c.probeId, new Map<number, Row[]>()]));
    for (let from = 0; from < p.rounds; from += 500) {
      for (const { vantageRegionId, result } of resultsForRounds(p, from, from + 500)) {
        const checkedAt = new Date(result.checkedAt);
        const byRound = byProbe.get(result.probeId)!;
        const round = roundStart(checkedAt, p.cadenceMs / 1000).getTime();
        byRound.set(round, [
          ...(byRound.get(round) ?? []),
          { probeId: result.probeId, vantageRegionId, checkedAt, outcome: result.outcome, error: result.error },
        ]);
      }
    }
    for (const cr of watched) {
      const probe = {
        id: cr.probeId,
        componentRegionId: cr.id,
        intervalSeconds: p.cadenceMs / 1000,
        timeoutMs: 5000,
        confirmRounds: K,
        quorum: DEFAULT_QUORUM,
        state: null,
      };
      const confirmed = foldRounds(probe, rounds, byProbe.get(cr.probeId)!, (id) => id).changes.map((c) => ({
        at: c.at,
        to: c.to,
      }));
      const planned = p.statusChanges
        .filter((c) => c.componentRegionId === cr.id)
        .map((c) => ({ at: c.at, to: c.toStatus }));
      expect(confirmed, cr.id).toEqual(planned);
    }
    const blips = [...byProbe.values()]
      .flatMap((byRound) => [...byRound.values()])
      .filter((round) => round.filter((r) => r.outcome === "down" && r.error !== "connection timed out").length === 1);
    expect(blips.length).toBeGreaterThan(p.rounds);
  }, 30_000);

  it("leaves out what does not fit in a short history, and plans what it is given", () => {
    const short = plan({ days: 3 });
    expect(short.incidents).toEqual([]);
    expect(short.leftOut).toEqual([...DEMO_HISTORY_INCIDENTS.map((i) => i.key), "products-api-database-upgrade"]);
    const checkout = { ...DEMO_HISTORY_INCIDENTS[0]!, startDaysAgo: 1.5 };
    const given = plan({ days: 3, incidents: [checkout], maintenances: [] });
    expect(given.incidents.map((i) => i.spec.key)).toEqual(["checkout-database-failure"]);
    expect(given.statusChanges).toHaveLength(componentRegions.length + 2);
  });

  it("refuses windows that overlap on one component-region, and components that do not run there", () => {
    const checkout = DEMO_HISTORY_INCIDENTS[0]!;
    expect(() =>
      plan({ incidents: [checkout, { ...checkout, key: "again", startDaysAgo: checkout.startDaysAgo + 0.01 }] }),
    ).toThrow(/overlap/);
    expect(() => plan({ incidents: [{ ...checkout, regions: ["australia-southeast1.gcp"] }] })).toThrow(
      /does not run in/,
    );
  });
});

/** Results not expected to be healthy and in 20–150 ms: those in any window, plus one per blip. */
function countInWindowsOrBlips(p: HistoryPlan, blips: number): number {
  const rounds = (w: { from: Date; to: Date }) => (w.to.getTime() - w.from.getTime()) / p.cadenceMs;
  const incidentRounds = p.incidents.reduce((n, i) => n + rounds(i) * i.componentRegionIds.length, 0);
  const maintenanceRounds = p.maintenances.reduce((n, m) => n + rounds(m), 0);
  return (incidentRounds + maintenanceRounds) * p.vantages.length + blips * p.vantages.length;
}
