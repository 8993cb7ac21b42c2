// Everything a contract's month is computed from, read in one place: the
// terms, the covered component-regions with their confirmed status history,
// the maintenance windows that touched them and the incidents of the month.
import type { Db, Prisma } from "../db.ts";
import {
  contractYearStart,
  measurementMonth,
  type MeasurementMonth,
  MINUTE_MS,
  type SlaMaintenance,
  type SlaTerms,
} from "../domain/sla.ts";
import type { CreditTier } from "../domain/sla-figures.ts";
import type { IncidentImpact, Priority } from "../generated/prisma/enums.ts";
import { PUBLIC_INCIDENT } from "../incidents/visibility.ts";
import { loadStatusHistories, type StatusHistory } from "./status-history.ts";
import type { CoveredComponentRegion } from "./coverage.ts";
import { type ContractDetail, contractNotFound, loadContractDetail } from "./get-contract.ts";
import { assertMonthStarted, monthAfterContractError, monthBeforeContractError, parseStatementMonth } from "./month.ts";

export interface MaintenanceWindow extends SlaMaintenance {
  title: string;
}

export interface MonthIncident {
  id: string;
  title: string;
  priority: Priority;
  impact: IncidentImpact;
  startedAt: Date;
  resolvedAt: Date | null;
  componentRegionIds: string[];
  postmortemPublished: boolean;
}

export interface ContractMonth {
  contract: ContractDetail;
  terms: SlaTerms;
  creditTiers: CreditTier[];
  month: MeasurementMonth;
  /** The measured window: the month, cut at `now` while it is open (whole minutes). */
  window: { from: Date; to: Date };
  /** The month's minutes by its rule, or the minutes so far while it is open. */
  monthMinutes: number;
  covered: CoveredComponentRegion[];
  histories: Map<string, StatusHistory>;
  /** Back to the contract year's start: the allowance used before the month is counted from them. */
  maintenance: MaintenanceWindow[];
  incidents: MonthIncident[];
}

type Client = Db | Prisma.TransactionClient;

export function slaTermsOf(contract: ContractDetail): SlaTerms {
  return {
    startsOn: new Date(`${contract.startsOn}T00:00:00Z`),
    endsOn: contract.endsOn ? new Date(`${contract.endsOn}T00:00:00Z`) : null,
    partialOutageWeight: contract.partialOutageWeight,
    degradedWeight: contract.degradedWeight,
    maintenanceNoticeDays: contract.maintenanceNoticeDays,
    maintenanceAllowanceHours: contract.maintenanceAllowanceHours,
  };
}

/** The month of a contract, validated: BAD_REQUEST naming "month" when malformed, not started, or outside the contract. */
export function contractMeasurementMonth(
  contract: ContractDetail,
  monthText: string,
  now: Date,
): { month: MeasurementMonth; window: { from: Date; to: Date }; monthMinutes: number } {
  const month = measurementMonth(parseStatementMonth(monthText), contract.monthRule);
  assertMonthStarted(month.month, now);
  const terms = slaTermsOf(contract);
  if (month.window.to <= terms.startsOn) throw monthBeforeContractError(month.month, contract.startsOn);
  if (terms.endsOn && month.window.from.getTime() > terms.endsOn.getTime())
    throw monthAfterContractError(month.month, contract.endsOn!);
  const nowMinute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  if (nowMinute >= month.window.to) return { month, window: month.window, monthMinutes: month.monthMinutes };
  // An open month is measured so far: minutes still to come are neither up nor down yet.
  const window = { from: month.window.from, to: nowMinute };
  return { month, window, monthMinutes: (window.to.getTime() - window.from.getTime()) / MINUTE_MS };
}

/**
 * Windows that happened or are happening (started, verifying or completed): a window still
 * "scheduled" after its start never began, so nothing was taken away from the customer. It
 * runs from when it started (else its scheduled start) until it completed (else its scheduled end).
 */
async function loadMaintenance(
  client: Client,
  coveredIds: readonly string[],
  from: Date,
  to: Date,
): Promise<MaintenanceWindow[]> {
  const rows = await client.maintenance.findMany({
    where: {
      status: { in: ["in_progress", "verifying", "completed"] },
      componentRegions: { some: { componentRegionId: { in: [...coveredIds] } } },
      AND: [
        { OR: [{ startedAt: { lt: to } }, { startedAt: null, scheduledStart: { lt: to } }] },
        { OR: [{ completedAt: { gt: from } }, { completedAt: null }] },
      ],
    },
    orderBy: [{ scheduledStart: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      createdAt: true,
      scheduledStart: true,
      scheduledEnd: true,
      startedAt: true,
      completedAt: true,
      componentRegions: { select: { componentRegionId: true } },
    },
  });
  const covered = new Set(coveredIds);
  return rows
    .map((m) => ({
      id: m.id,
      title: m.title,
      announcedAt: m.createdAt,
      from: m.startedAt ?? m.scheduledStart,
      to: m.completedAt ?? m.scheduledEnd,
      componentRegionIds: m.componentRegions.map((cr) => cr.componentRegionId).filter((id) => covered.has(id)),
    }))
    .filter((m) => m.to > m.from && m.to > from && m.from < to);
}

async function loadIncidents(
  client: Client,
  coveredIds: readonly string[],
  from: Date,
  to: Date,
): Promise<MonthIncident[]> {
  const rows = await client.incident.findMany({
    where: {
      ...PUBLIC_INCIDENT,
      startedAt: { lt: to },
      OR: [{ resolvedAt: null }, { resolvedAt: { gt: from } }],
      componentRegions: { some: { componentRegionId: { in: [...coveredIds] } } },
    },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      priority: true,
      impact: true,
      startedAt: true,
      resolvedAt: true,
      componentRegions: { select: { componentRegionId: true } },
      postmortem: { select: { publishedAt: true } },
    },
  });
  const covered = new Set(coveredIds);
  return rows.map((i) => ({
    id: i.id,
    title: i.title,
    priority: i.priority,
    impact: i.impact,
    startedAt: i.startedAt,
    resolvedAt: i.resolvedAt,
    componentRegionIds: i.componentRegions.map((cr) => cr.componentRegionId).filter((id) => covered.has(id)),
    postmortemPublished: i.postmortem?.publishedAt != null,
  }));
}

export async function loadContractMonth(
  client: Client,
  contractId: string,
  monthText: string,
  now: Date,
): Promise<ContractMonth> {
  const contract = await loadContractDetail(client, contractId);
  if (!contract) throw contractNotFound();
  const { month, window, monthMinutes } = contractMeasurementMonth(contract, monthText, now);
  const terms = slaTermsOf(contract);
  const covered = contract.coveredComponentRegions;
  const ids = covered.map((cr) => cr.id);
  const yearStart = contractYearStart(terms, window.from);
  const historyFrom = new Date(Math.min(yearStart.getTime(), window.from.getTime()));
  // One after the other: the client may be an interactive transaction, which runs one query at a time.
  const histories = await loadStatusHistories(client, ids, { from: historyFrom, to: window.to });
  const maintenance = await loadMaintenance(client, ids, historyFrom, window.to);
  // Incidents over before the contract started are not this customer's.
  const incidents = await loadIncidents(
    client,
    ids,
    new Date(Math.max(window.from.getTime(), terms.startsOn.getTime())),
    window.to,
  );
  return {
    contract,
    terms,
    creditTiers: contract.creditTiers,
    month,
    window,
    monthMinutes,
    covered,
    histories,
    maintenance,
    incidents,
  };
}
