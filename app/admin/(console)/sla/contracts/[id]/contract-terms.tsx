// A contract's terms as everyone may read them.
import type { ContractDetail } from "@/lib/sla/get-contract.ts";
import { COVERAGE_LABEL, formatMoney, formatPlainPercent, MONTH_RULE_LABEL } from "@/lib/sla/statement-labels.ts";

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium">{label}</dt>
      <dd className="text-slate-800 dark:text-slate-200">{children}</dd>
    </div>
  );
}

export function ContractTerms({ contract }: { contract: ContractDetail }) {
  return (
    <div className="space-y-3" data-testid="contract-terms">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        <Term label="Term">
          {contract.startsOn} to {contract.endsOn ?? "open-ended"}
        </Term>
        <Term label="Account manager">
          {contract.accountManager ? (contract.accountManager.name ?? contract.accountManager.email) : "Nobody yet"}
        </Term>
        <Term label="Target">{formatPlainPercent(contract.targetPercent)} availability</Term>
        <Term label="Month rule">{MONTH_RULE_LABEL[contract.monthRule]}</Term>
        <Term label="Regions">{contract.regions.map((r) => r.key).join(", ")}</Term>
        <Term label="Products">{contract.products.map((p) => p.name).join(", ")}</Term>
        <Term label="Coverage">
          {COVERAGE_LABEL[contract.coverage]}: {contract.coveredComponentRegions.length} component-region
          {contract.coveredComponentRegions.length === 1 ? "" : "s"}
        </Term>
        <Term label="Weights">
          partial outage {contract.partialOutageWeight}, degraded {contract.degradedWeight}, major outage 1
        </Term>
        <Term label="Maintenance">
          excluded when announced ≥ {contract.maintenanceNoticeDays} days ahead, up to{" "}
          {contract.maintenanceAllowanceHours} h per contract year
        </Term>
        <Term label="Issued">{contract.closeAfterDays} days after the month ends</Term>
        <Term label="Credit tiers">
          {contract.creditTiers.length === 0 ? (
            "None"
          ) : (
            <ul>
              {contract.creditTiers.map((t) => (
                <li key={t.belowPercent}>
                  below {formatPlainPercent(t.belowPercent)} → {formatPlainPercent(t.creditPercent)} of the fee
                </li>
              ))}
            </ul>
          )}
        </Term>
        <Term label="Monthly fee">{formatMoney(contract.monthlyFee, contract.currency)}</Term>
        <Term label="Recipients">
          {contract.recipients.length === 0 ? (
            "None"
          ) : (
            <span className="break-all">{contract.recipients.join(", ")}</span>
          )}
        </Term>
      </dl>
      <details>
        <summary className="cursor-pointer font-medium">
          Covered component-regions ({contract.coveredComponentRegions.length})
        </summary>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {contract.coveredComponentRegions.map((cr) => (
            <li key={cr.id}>
              {cr.label}{" "}
              <span className="text-slate-600 dark:text-slate-400">({cr.tier === "TIER_1" ? "tier 1" : "tier 2"})</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
