// "One statement's PDF ≤ 300 ms": the biggest contract-month of the SLA
// benchmark's data, built into a Statement by the statements module itself
// (lib/sla/build-statement.ts) with an incident per downtime run, then
// rendered to PDF after a warm-up. Registered in bench/sla.ts's extras.
import { measurementMonth } from "../lib/domain/sla.ts";
import { buildStatement } from "../lib/sla/build-statement.ts";
import type { CoveredComponentRegion } from "../lib/sla/coverage.ts";
import type { ContractDetail } from "../lib/sla/get-contract.ts";
import type { ContractMonth, MonthIncident } from "../lib/sla/load-contract.ts";
import { statementPdf } from "../lib/sla/statement-pdf.ts";
import { count, median, ms, verdict } from "./report.ts";
import type { ContractStatements, SlaBenchExtra } from "./sla.ts";
import type { SlaBenchContract } from "./sla-data.ts";

const TARGET_MS = 300;
const WARM_UP = 3;
const RUNS = 15;
const MAX_INCIDENTS = 12;
const TIERS = [
  { belowPercent: 99.99, creditPercent: 10 },
  { belowPercent: 99.0, creditPercent: 25 },
  { belowPercent: 95.0, creditPercent: 50 },
];

/** The contract-month with the most covered component-regions, and among those the most downtime. */
function biggest(statements: readonly ContractStatements[]): { contract: SlaBenchContract; month: string } {
  let best: { contract: SlaBenchContract; month: string; score: number } | undefined;
  for (const s of statements) {
    for (const m of s.months) {
      const score = s.contract.componentRegions.length * 1e6 + m.downtime.charged.length;
      if (!best || score > best.score) best = { contract: s.contract, month: m.month, score };
    }
  }
  return best!;
}

function contractMonthOf(
  contract: SlaBenchContract,
  month: string,
  statements: readonly ContractStatements[],
): ContractMonth {
  const mm = measurementMonth(month, contract.monthRule);
  const covered: CoveredComponentRegion[] = contract.componentRegions.map((cr, i) => ({
    id: cr.componentRegionId,
    componentKey: `component-${i}`,
    componentName: `Component ${i}`,
    tier: i % 3 === 0 ? "TIER_2" : "TIER_1",
    productKey: "commerce",
    productName: "Composable Commerce",
    regionKey: `region-${i % 5}.gcp`,
    regionName: `Region ${i % 5}`,
    label: `Component ${i} · region-${i % 5}.gcp`,
  }));
  const detail: ContractDetail = {
    id: contract.id,
    name: "Premium 2025",
    customer: { id: "customer", key: "bench-customer", name: "Bench Retail" },
    startsOn: contract.terms.startsOn.toISOString().slice(0, 10),
    endsOn: contract.terms.endsOn?.toISOString().slice(0, 10) ?? null,
    targetPercent: contract.slaTargetPercent,
    monthRule: contract.monthRule,
    coverage: "all_components",
    monthlyFee: 25_000,
    currency: "EUR",
    accountManager: null,
    version: 0,
    partialOutageWeight: contract.terms.partialOutageWeight,
    degradedWeight: contract.terms.degradedWeight,
    creditTiers: TIERS,
    maintenanceNoticeDays: contract.terms.maintenanceNoticeDays,
    maintenanceAllowanceHours: contract.terms.maintenanceAllowanceHours,
    closeAfterDays: 5,
    recipients: [],
    regions: [],
    products: [],
    coveredComponentRegions: covered,
    updatedAt: new Date(0),
  };
  const downtime = statements.find((s) => s.contract === contract)!.months.find((m) => m.month === month)!.downtime;
  const incidents: MonthIncident[] = downtime.charged.slice(0, MAX_INCIDENTS).map((span, k) => ({
    id: `incident-${k}`,
    title: `Checkout errors for some shoppers in region ${k % 5} (run ${k + 1})`,
    priority: k % 2 === 0 ? "P1" : "P2",
    impact: "major",
    startedAt: span.from,
    resolvedAt: span.to,
    componentRegionIds: covered.slice(0, 2).map((cr) => cr.id),
    postmortemPublished: k % 2 === 0,
  }));
  return {
    contract: detail,
    terms: contract.terms,
    creditTiers: TIERS,
    month: mm,
    window: mm.window,
    monthMinutes: mm.monthMinutes,
    covered,
    histories: new Map(
      contract.componentRegions.map((cr) => [
        cr.componentRegionId,
        { initial: cr.initial ?? null, history: [...cr.history] },
      ]),
    ),
    maintenance: contract.maintenance.map((m) => ({ ...m, title: `Planned database maintenance ${m.id}` })),
    incidents,
  };
}

export const statementPdfBench: SlaBenchExtra = {
  label: "one statement's PDF",
  async measure(_data, statements) {
    const { contract, month } = biggest(statements);
    const issuedAt = new Date("2026-01-06T00:00:00Z");
    const statement = buildStatement(contractMonthOf(contract, month, statements), {
      computedAt: issuedAt,
      state: "issued",
      revision: 1,
      issuedAt,
      restatement: null,
    });
    const render = () =>
      statementPdf(statement, { createdAt: issuedAt, sha256: "0".repeat(64), siteUrl: "https://status.example.com" });
    for (let i = 0; i < WARM_UP; i++) await render();
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      bytes = (await render()).length;
      times.push(performance.now() - started);
    }
    const best = median(times);
    return [
      [
        "statement PDF",
        `median ${ms(best)} over ${RUNS} renders (${count(bytes / 1024)} KB; ${statement.componentRegions.length} component-regions, ${statement.incidents.length} incidents, ${statement.maintenance.length} maintenance windows, ${statement.daily.length} days)`,
      ],
      ["  target", `≤ ${TARGET_MS} ms for one statement's PDF: ${verdict(best <= TARGET_MS)}`],
    ];
  },
};
