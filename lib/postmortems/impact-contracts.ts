// The contracts an incident touched and the downtime minutes it charged to
// each contract month. Each month is computed exactly as its SLA statement is
// (lib/sla/load-contract.ts + computeContractDowntime over lib/domain/sla.ts),
// then the charged minutes inside the incident's span are read off it: the
// postmortem and the statement cannot disagree.
import type { Prisma } from "../db.ts";
import { chargedMinutesWithin, MINUTE_MS } from "../domain/sla.ts";
import type { TimeWindow } from "../domain/uptime.ts";
import { AppError } from "../errors.ts";
import { computeContractDowntime } from "../sla/build-statement.ts";
import { loadContractMonth } from "../sla/load-contract.ts";
import type { ImpactContract, ImpactContractMonth } from "./types.ts";
import { logError } from "../observability/log.ts";

type Tx = Prisma.TransactionClient;

/** The calendar months (UTC) the span touches, "YYYY-MM", oldest first. */
export function monthsTouched(window: TimeWindow): string[] {
  const months: string[] = [];
  const last = new Date(Math.max(window.from.getTime(), window.to.getTime() - 1));
  for (
    let d = new Date(Date.UTC(window.from.getUTCFullYear(), window.from.getUTCMonth(), 1));
    d <= last;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  ) {
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

/** Contracts whose regions × products (tier 1 only where the contract says so) include an affected ComponentRegion. */
async function touchingContracts(tx: Tx, affectedIds: readonly string[], window: TimeWindow) {
  const affected = await tx.componentRegion.findMany({
    where: { id: { in: [...affectedIds] } },
    select: { id: true, regionId: true, component: { select: { productId: true, tier: true } } },
  });
  const contracts = await tx.contract.findMany({
    where: {
      startsOn: { lte: window.to },
      OR: [
        { endsOn: null },
        { endsOn: { gte: new Date(Math.floor(window.from.getTime() / 86_400_000) * 86_400_000) } },
      ],
      regions: { some: { regionId: { in: affected.map((a) => a.regionId) } } },
      products: { some: { productId: { in: affected.map((a) => a.component.productId) } } },
    },
    orderBy: [{ customer: { name: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      coverage: true,
      monthRule: true,
      customer: { select: { name: true } },
      regions: { select: { regionId: true } },
      products: { select: { productId: true } },
    },
  });
  return contracts.flatMap((c) => {
    const touched = affected.filter(
      (a) =>
        c.regions.some((r) => r.regionId === a.regionId) &&
        c.products.some((p) => p.productId === a.component.productId) &&
        (c.coverage === "all_components" || a.component.tier === "TIER_1"),
    );
    return touched.length > 0 ? [{ ...c, componentRegionIds: touched.map((a) => a.id) }] : [];
  });
}

async function chargedMonth(
  tx: Tx,
  contractId: string,
  month: string,
  incident: TimeWindow,
  now: Date,
): Promise<ImpactContractMonth | null> {
  try {
    const downtime = computeContractDowntime(await loadContractMonth(tx, contractId, month, now));
    return {
      month,
      downtimeMinutes: chargedMinutesWithin(downtime, incident.from, incident.to),
      unknownMinutes: downtime.unknownMinutes,
    };
  } catch (error) {
    // A month outside the contract's term has no statement, so nothing is charged to it.
    if (error instanceof AppError && error.code === "BAD_REQUEST") return null;
    throw error;
  }
}

export async function contractsCharged(
  tx: Tx,
  affectedIds: readonly string[],
  window: TimeWindow,
  now: Date,
): Promise<{ contracts: ImpactContract[]; contractsError?: string }> {
  if (affectedIds.length === 0 || window.to.getTime() - window.from.getTime() < 1) return { contracts: [] };
  // The statement of an open month is measured up to `now`; it must reach the incident's end.
  const asOf = new Date(Math.max(now.getTime(), Math.ceil(window.to.getTime() / MINUTE_MS) * MINUTE_MS));
  try {
    const out: ImpactContract[] = [];
    for (const c of await touchingContracts(tx, affectedIds, window)) {
      const months: ImpactContractMonth[] = [];
      for (const month of monthsTouched(window)) {
        const charged = await chargedMonth(tx, c.id, month, window, asOf);
        if (charged) months.push(charged);
      }
      out.push({
        contractId: c.id,
        contractName: c.name,
        customerName: c.customer.name,
        coverage: c.coverage,
        monthRule: c.monthRule,
        componentRegionIds: c.componentRegionIds,
        months,
        downtimeMinutes: Math.round(months.reduce((sum, m) => sum + m.downtimeMinutes, 0) * 1000) / 1000,
      });
    }
    return { contracts: out };
  } catch (error) {
    logError("postmortem impact: contract downtime failed", error);
    return {
      contracts: [],
      contractsError: "The contracts' downtime could not be computed; refresh the postmortem to try again.",
    };
  }
}
