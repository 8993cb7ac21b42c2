// The SLA statement read model: what the console, the API, the CLI and the
// stored snapshots share. Plain JSON data (times as ISO strings, numbers as
// numbers), so an issued statement's stored figures ARE this object.
import type { ComponentStatus, Coverage, MonthRule, Priority, Tier } from "../generated/prisma/enums.ts";

export type { Coverage, MonthRule };

export type StatementState = "provisional" | "issued";
export type StatementFormat = "json" | "csv" | "pdf";

/** Below `belowPercent` availability, the customer is credited `creditPercent` of the monthly fee. */
export interface CreditTierView {
  belowPercent: number;
  creditPercent: number;
}

export interface StatementHeader {
  customer: { id: string; key: string; name: string };
  contract: {
    id: string;
    name: string;
    /** YYYY-MM-DD */
    startsOn: string;
    endsOn: string | null;
    coverage: Coverage;
    partialOutageWeight: number;
    degradedWeight: number;
    maintenanceNoticeDays: number;
    maintenanceAllowanceHours: number;
    closeAfterDays: number;
    creditTiers: CreditTierView[];
    monthlyFee: number;
    currency: string;
  };
  /** YYYY-MM */
  month: string;
  monthRule: MonthRule;
  /** The measured window, half-open [from, to), ISO. */
  window: { from: string; to: string };
  /** Minutes in the month by its rule (43,200 for fixed 30 days). */
  monthMinutes: number;
  targetPercent: number;
  state: StatementState;
  /** 1 for the issue, n > 1 for restatements; null while provisional. */
  revision: number | null;
  issuedAt: string | null;
  /** When a provisional statement will be issued (month end + closeAfterDays). */
  closesAt: string;
  /** When the figures were computed. */
  computedAt: string;
}

export interface StatementFigures {
  /** Percent, rounded to 3 decimals; null when no minute was measured. */
  availabilityPercent: number | null;
  /** Weighted downtime minutes (worst covered component-region per minute). */
  downtimeMinutes: number;
  /** The downtime the target allows over the measured minutes. */
  allowedDowntimeMinutes: number;
  /** downtime ÷ allowed, percent (2 decimals); null when nothing is allowed and nothing measured. */
  errorBudgetUsedPercent: number | null;
  met: boolean | null;
  creditPercent: number;
  /** fee × credit %, 2 decimals. */
  creditAmount: number;
  monthlyFee: number;
  currency: string;
  monthMinutes: number;
  excludedMinutes: number;
  unknownMinutes: number;
  /** month − excluded − unknown: the denominator. */
  measuredMinutes: number;
}

export type MeasuredStatus = Exclude<ComponentStatus, "under_maintenance">;

export interface StatementComponentRegion {
  componentRegionId: string;
  componentKey: string;
  componentName: string;
  tier: Tier;
  productKey: string;
  productName: string;
  regionKey: string;
  regionName: string;
  availabilityPercent: number | null;
  minutesByStatus: Record<MeasuredStatus, number>;
  downtimeMinutes: number;
  excludedMaintenanceMinutes: number;
  /** Maintenance that counts as downtime (announced too late, or past the allowance). */
  countedMaintenanceMinutes: number;
  unknownMinutes: number;
}

export interface StatementIncident {
  id: string;
  title: string;
  priority: Priority;
  impact: string;
  startedAt: string;
  resolvedAt: string | null;
  /** Incident start to resolution (or to the end of the window when still open), whole minutes. */
  durationMinutes: number;
  /** Downtime minutes the incident's window adds to this contract's month. */
  chargedMinutes: number;
  /** Site-relative links: /incidents/<id>, and #postmortem when one is published. */
  url: string;
  postmortemUrl: string | null;
  /** "Checkout · us-central1.gcp" labels of the covered component-regions it touched. */
  componentRegions: string[];
}

export type MaintenanceDecision = "excluded" | "counted" | "partly_excluded";

export interface StatementMaintenance {
  id: string;
  title: string;
  announcedAt: string;
  from: string;
  to: string;
  /** Minutes of the window inside the month. */
  minutes: number;
  excludedMinutes: number;
  countedMinutes: number;
  decision: MaintenanceDecision;
  reason: string;
  componentRegions: string[];
}

export interface StatementDataGap {
  from: string;
  to: string;
  minutes: number;
  componentRegions: string[];
}

export interface StatementDay {
  /** YYYY-MM-DD (UTC) */
  day: string;
  availabilityPercent: number | null;
  downtimeMinutes: number;
  excludedMinutes: number;
  unknownMinutes: number;
}

export interface FigureChange {
  /** e.g. "availabilityPercent", "creditAmount", "componentRegions.<label>.downtimeMinutes" */
  field: string;
  before: unknown;
  after: unknown;
}

export interface StatementRestatement {
  reason: string;
  createdBy: string | null;
  changes: FigureChange[];
}

export interface Statement {
  header: StatementHeader;
  figures: StatementFigures;
  componentRegions: StatementComponentRegion[];
  incidents: StatementIncident[];
  maintenance: StatementMaintenance[];
  dataGaps: StatementDataGap[];
  daily: StatementDay[];
  /** Set on revisions > 1. */
  restatement: StatementRestatement | null;
}

/** One stored revision, as listed beside a statement. */
export interface StatementRevisionSummary {
  id: string;
  revision: number;
  issuedAt: string;
  sha256: string;
  reason: string | null;
  createdBy: string | null;
  changes: FigureChange[];
}

/** What the console's statement page reads: the statement plus its revisions. */
export interface StatementView {
  statement: Statement;
  /** SHA-256 of the served JSON bytes; null while provisional. */
  sha256: string | null;
  /** Every stored revision, oldest first (empty while provisional). */
  revisions: StatementRevisionSummary[];
}

/** A downloadable rendering. */
export interface StatementFile {
  body: Buffer;
  contentType: string;
  filename: string;
  sha256: string | null;
  state: StatementState;
  revision: number | null;
}

/** One month of a contract's year view. */
export interface YearMonth {
  month: string;
  /** not_started: before the contract's start; ended: after its end. */
  state: StatementState | "future" | "not_started" | "ended";
  availabilityPercent: number | null;
  met: boolean | null;
  creditPercent: number;
  creditAmount: number;
  revision: number | null;
  restated: boolean;
}

/** The edit page's preview: the current month so far. */
export interface MonthPreview {
  month: string;
  figures: StatementFigures;
  /** The downtime the target allows over the whole month (less what is already excluded or unknown). */
  monthAllowedDowntimeMinutes: number;
  /** Allowed over the whole month − used so far, never below 0. */
  errorBudgetLeftMinutes: number;
  errorBudgetLeftPercent: number | null;
  statement: Statement;
}
