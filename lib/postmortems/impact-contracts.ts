// The contracts an incident touched and the downtime minutes it charged to
// each contract month — computed by lib/domain/sla.ts's contractDowntime, the
// one minute rule SLA statements use, so the two figures cannot disagree.
import type { Prisma } from "../db.ts";
import { chargedMinutesWithin, contractDowntime, contractYearStart, type CoveredComponentRegion, MINUTE_MS, type SlaMaintenance, type SlaTerms } from "../domain/sla.ts";
import type { TimeWindow } from "../domain/uptime.ts";
import { loadCoveredComponentRegions } from "../sla/coverage.ts";
import { probeHistory } from "./probe-history.ts";
import type { ImpactContract, ImpactContractMonth } from "./types.ts";

type Tx = Prisma.TransactionClient;

/** The incident's span cut at calendar-month boundaries (UTC), widened to whole minutes. */
export function monthPieces(window: TimeWindow): (TimeWindow & { month: string })[] {
  const from = Math.floor(window.from.getTime() / MINUTE_MS) * MINUTE_MS;
  const to = Math.ceil(window.to.getTime() / MINUTE_MS) * MINUTE_MS;
  const pieces: (TimeWindow & { month: string })[] = [];
  for (let t = from; t < to; ) {
    const d = new Date(t);
    const next = Math.min(to, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    pieces.push({ from: new Date(t), to: new Date(next), month: d.toISOString().slice(0, 7) });
    t = next;
  }
  return pieces;
}

async function slaMaintenance(tx: Tx, componentRegionIds: string[], from: Date, to: Date): Promise<SlaMaintenance[]> {
  const rows = await tx.maintenance.findMany({
    where: {
      status: { in: ["in_progress", "verifying", "completed"] },
      componentRegions: { some: { componentRegionId: { in: componentRegionIds } } },
    },
    select: { id: true, startedAt: true, scheduledStart: true, completedAt: true, createdAt: true, componentRegions: { select: { componentRegionId: true } } },
  });
  return rows
    .map((m) => ({
      id: m.id,
      from: m.startedAt ?? m.scheduledStart,
      to: m.completedAt ?? to,
      // Scheduling a window is announcing it: subscribers hear of it then.
      announcedAt: m.createdAt,
      componentRegionIds: m.componentRegions.map((c) => c.componentRegionId),
    }))
    .filter((m) => m.from < to && m.to > from);
}

async function chargeMonth(tx: Tx, terms: SlaTerms, coveredIds: string[], piece: TimeWindow, incident: TimeWindow): Promise<Omit<ImpactContractMonth, "month">> {
  const during = await slaMaintenance(tx, coveredIds, piece.from, piece.to);
  // Maintenance allowance only matters when a window overlaps: then count the year's use from its start.
  const historyFrom = during.length > 0 ? contractYearStart(terms, piece.from) : piece.from;
  const maintenance = during.length > 0 ? await slaMaintenance(tx, coveredIds, historyFrom, piece.to) : [];
  const componentRegions: CoveredComponentRegion[] = [];
  for (const id of coveredIds) {
    const { initial, history } = await probeHistory(tx, id, { from: historyFrom, to: piece.to });
    componentRegions.push({ componentRegionId: id, initial, history });
  }
  const result = contractDowntime({ terms, window: piece, componentRegions, maintenance, ...(during.length > 0 ? {} : { allowanceUsedMinutes: 0 }) });
  return { downtimeMinutes: chargedMinutesWithin(result, incident.from, incident.to), unknownMinutes: result.unknownMinutes };
}

export async function contractsCharged(tx: Tx, affectedIds: readonly string[], window: TimeWindow): Promise<{ contracts: ImpactContract[]; contractsError?: string }> {
  if (affectedIds.length === 0 || window.to <= window.from) return { contracts: [] };
  const affected = await tx.componentRegion.findMany({
    where: { id: { in: [...affectedIds] } },
    select: { id: true, regionId: true, component: { select: { productId: true, tier: true } } },
  });
  const contracts = await tx.contract.findMany({
    where: {
      startsOn: { lte: window.to },
      OR: [{ endsOn: null }, { endsOn: { gte: new Date(Math.floor(window.from.getTime() / 86_400_000) * 86_400_000) } }],
      regions: { some: { regionId: { in: affected.map((a) => a.regionId) } } },
      products: { some: { productId: { in: affected.map((a) => a.component.productId) } } },
    },
    orderBy: [{ customer: { name: "asc" } }, { name: "asc" }],
    include: { customer: { select: { name: true } }, regions: { select: { regionId: true } }, products: { select: { productId: true } } },
  });
  try {
    const out: ImpactContract[] = [];
    for (const c of contracts) {
      const regionIds = c.regions.map((r) => r.regionId);
      const productIds = c.products.map((p) => p.productId);
      const touched = affected.filter(
        (a) => regionIds.includes(a.regionId) && productIds.includes(a.component.productId) && (c.coverage === "all_components" || a.component.tier === "TIER_1"),
      );
      if (touched.length === 0) continue;
      const covered = await loadCoveredComponentRegions(tx, { regionIds, productIds, coverage: c.coverage });
      const terms: SlaTerms = {
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        partialOutageWeight: Number(c.partialOutageWeight),
        degradedWeight: Number(c.degradedWeight),
        maintenanceNoticeDays: c.maintenanceNoticeDays,
        maintenanceAllowanceHours: c.maintenanceAllowanceHours,
      };
      const months: ImpactContractMonth[] = [];
      for (const piece of monthPieces(window)) {
        const charged = await chargeMonth(tx, terms, covered.map((cr) => cr.id), piece, window);
        months.push({ month: piece.month, downtimeMinutes: charged.downtimeMinutes, unknownMinutes: charged.unknownMinutes });
      }
      out.push({
        contractId: c.id,
        contractName: c.name,
        customerName: c.customer.name,
        coverage: c.coverage,
        monthRule: c.monthRule,
        componentRegionIds: touched.map((a) => a.id),
        months,
        downtimeMinutes: Math.round(months.reduce((sum, m) => sum + m.downtimeMinutes, 0) * 1000) / 1000,
      });
    }
    return { contracts: out };
  } catch (error) {
    console.error("[bellwether] postmortem impact: contract downtime failed", error);
    return { contracts: [], contractsError: "The contracts' downtime could not be computed; refresh the postmortem to try again." };
  }
}
