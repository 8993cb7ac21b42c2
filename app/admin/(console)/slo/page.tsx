// GET /admin/slo – error budgets: every component-region's 30-day budget, burn rate and burn-down, the burn-rate
// alerts firing and recent, and each SLA contract's month; an engineer's own alert-email setting
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { burnRateOfRatio, windowLabel } from "@/lib/domain/slo.ts";
import { type AlertRow, type BudgetRow, type ContractBudgetRow, sloOverview } from "@/lib/slo/slo-overview.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { burnAlertEmailsOf } from "@/lib/users/set-burn-alert-emails.ts";
import { TierBadge, Utc } from "../../_components/badges.tsx";
import { ConsoleTable, TD_CLASS } from "../../_components/console-table.tsx";
import { BurnAlertEmailsForm } from "./burn-alert-emails-form.tsx";
import { BurnDownChart } from "./burn-down-chart.tsx";

export const metadata: Metadata = { title: "Error budgets" };
export const dynamic = "force-dynamic";

function budgetLabel(remaining: number | null): string {
  if (remaining === null) return "no checks yet";
  const percent = `${(Math.round(remaining * 1000) / 10).toLocaleString("en-US")} %`;
  return remaining <= 0 ? `${percent} (spent)` : percent;
}

function ratio(value: number): string {
  return `${(value * 100).toFixed(2)} %`;
}

function burn(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)}×` : "∞";
}

function SeverityLabel({ severity }: { severity: "page" | "ticket" }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-bold ${severity === "page" ? "bg-red-700 text-white" : "bg-amber-300 text-amber-950"}`}
    >
      {severity === "page" ? "Page" : "Ticket"}
    </span>
  );
}

function Evidence({ alert }: { alert: AlertRow }) {
  return (
    <>
      {windowLabel(alert.longWindowMinutes)}: {ratio(alert.longErrorRatio)} failed (
      {burn(burnRateOfRatio(alert.longErrorRatio, alert.sloPercent))})
      <br />
      {windowLabel(alert.shortWindowMinutes)}: {ratio(alert.shortErrorRatio)} failed (
      {burn(burnRateOfRatio(alert.shortErrorRatio, alert.sloPercent))})
    </>
  );
}

function AlertTable({ alerts, label, testId }: { alerts: AlertRow[]; label: string; testId: string }) {
  return (
    <ConsoleTable
      label={label}
      testId={testId}
      headings={[
        "Component-region",
        "Severity",
        "Rule",
        "Evidence (error ratio, burn)",
        "Fired",
        "Resolved",
        "Incident",
      ]}
    >
      {alerts.map((a) => (
        <tr key={a.id} data-testid="burn-alert" data-rule={a.rule}>
          <td className={TD_CLASS}>
            {a.label} <TierBadge tier={a.tier} />
          </td>
          <td className={TD_CLASS}>
            <SeverityLabel severity={a.severity} />
          </td>
          <td className={TD_CLASS}>
            above {a.factor}× over {windowLabel(a.longWindowMinutes)} and {windowLabel(a.shortWindowMinutes)} (objective{" "}
            {a.sloPercent} %)
          </td>
          <td className={TD_CLASS}>
            <Evidence alert={a} />
          </td>
          <td className={TD_CLASS}>
            <Utc at={a.firedAt} />
          </td>
          <td className={TD_CLASS}>{a.resolvedAt ? <Utc at={a.resolvedAt} /> : "firing"}</td>
          <td className={TD_CLASS}>
            {a.incident ? (
              <Link className="underline" href={`/admin/incidents/${a.incident.id}`}>
                {a.incident.title}
                {a.incident.review === "proposed" ? " (proposal)" : ""}
              </Link>
            ) : (
              "—"
            )}
          </td>
        </tr>
      ))}
    </ConsoleTable>
  );
}

function BudgetCard({ row }: { row: BudgetRow }) {
  const id = `budget-${row.componentRegionId}`;
  return (
    <li
      className="space-y-1 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-testid="slo-budget"
      data-key={`${row.componentKey}/${row.regionKey}`}
      aria-labelledby={`${id}-name`}
    >
      <h3 id={`${id}-name`} className="font-semibold">
        {row.componentName} in {row.regionName} <TierBadge tier={row.tier} />
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt>Objective</dt>
        <dd>
          {row.budget.sloPercent} %{row.overridden ? " (set for this component)" : ""}
        </dd>
        <dt>Budget left</dt>
        <dd data-testid="budget-left" className={row.budget.exhausted ? "font-bold" : undefined}>
          {budgetLabel(row.budget.remaining)}
        </dd>
        <dt>Burn rate now (1 h)</dt>
        <dd data-testid="burn-now">{burn(row.burnRateNow)}</dd>
        {row.firing > 0 && (
          <>
            <dt>Alerts firing</dt>
            <dd className="font-bold">{row.firing}</dd>
          </>
        )}
      </dl>
      <BurnDownChart
        id={id}
        title={`Error budget burn-down of ${row.componentName} in ${row.regionName}, ${row.firstDay} to ${row.lastDay}`}
        points={row.burnDown}
        firstDay={row.firstDay}
        stepLabel="day"
      />
    </li>
  );
}

function ContractCard({ row }: { row: ContractBudgetRow }) {
  const id = `contract-${row.contractId}`;
  return (
    <li
      className="space-y-1 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-testid="contract-budget"
      aria-labelledby={`${id}-name`}
    >
      <h3 id={`${id}-name`} className="font-semibold">
        <Link className="underline" href={`/admin/sla/contracts/${row.contractId}`}>
          {row.customerName}: {row.contractName}
        </Link>
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt>Month</dt>
        <dd>{row.month}</dd>
        <dt>Target</dt>
        <dd>{row.targetPercent} %</dd>
        <dt>Availability so far</dt>
        <dd>{row.availabilityPercent === null ? "nothing measured" : `${row.availabilityPercent} %`}</dd>
        <dt>Budget left</dt>
        <dd>
          {row.leftMinutes.toLocaleString("en-US")} of {row.allowedMinutes.toLocaleString("en-US")} minutes
          {row.leftPercent === null ? "" : ` (${row.leftPercent} %)`}
        </dd>
      </dl>
      <BurnDownChart
        id={id}
        title={`SLA downtime budget burn-down of ${row.customerName}: ${row.contractName}, ${row.month}`}
        points={row.burnDown}
        firstDay={row.firstDay}
        stepLabel="day"
      />
    </li>
  );
}

export default async function SloPage() {
  const actor = await requireActor("console.read", { returnTo: "/admin/slo" });
  const now = new Date();
  const [overview, emails] = await Promise.all([sloOverview(db(), now), burnAlertEmailsOf(db(), actor.id)]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Error budgets</h1>
        <p className="text-slate-700 dark:text-slate-300">
          Each component-region has an objective over the last {overview.windowDays} days (UTC, today so far): tier 1
          99.9 %, tier 2 99.5 %, unless the component sets its own. The measure is good checks (up or degraded) ÷ all
          checks. The burn rate is the error ratio ÷ (1 − objective): 1× spends the budget in exactly{" "}
          {overview.windowDays} days. Alerts follow the SRE workbook: a page above 14.4× over 1 h and 5 min or above 6×
          over 6 h and 30 min; a ticket above 3× over 1 d and 2 h or above 1× over 3 d and 6 h.
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Deployment pipelines ask <code>GET /api/slo/gate?component=…&amp;region=…</code> with a personal API token.
        </p>
      </div>
      {actor.role === "ENGINEER" && <BurnAlertEmailsForm enabled={emails} />}

      <section aria-labelledby="firing" className="space-y-2">
        <h2 id="firing" className="text-xl font-semibold">
          Alerts firing
        </h2>
        {overview.firing.length === 0 ? (
          <p data-testid="no-firing">No burn-rate alert is firing.</p>
        ) : (
          <AlertTable alerts={overview.firing} label="Burn-rate alerts firing now" testId="firing-alerts" />
        )}
      </section>

      <section aria-labelledby="budgets" className="space-y-2">
        <h2 id="budgets" className="text-xl font-semibold">
          Component-regions
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">Tier 1 first, then the least budget left.</p>
        <ul className="grid gap-3 md:grid-cols-2 lg:grid-cols-3">
          {overview.budgets.map((row) => (
            <BudgetCard key={row.componentRegionId} row={row} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="recent" className="space-y-2">
        <h2 id="recent" className="text-xl font-semibold">
          Resolved alerts, last {overview.windowDays} days
        </h2>
        {overview.recent.length === 0 ? (
          <p>None.</p>
        ) : (
          <AlertTable alerts={overview.recent} label="Resolved burn-rate alerts" testId="recent-alerts" />
        )}
      </section>

      <section aria-labelledby="contracts" className="space-y-2">
        <h2 id="contracts" className="text-xl font-semibold">
          SLA contracts this month
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Measured as the statements are: minutes of the month, each as down as the worst covered component-region, less
          announced maintenance. The budget is the downtime the target allows over the whole month.
        </p>
        {overview.contracts.length === 0 ? (
          <p>No contract is in force this month.</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {overview.contracts.map((row) => (
              <ContractCard key={row.contractId} row={row} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
