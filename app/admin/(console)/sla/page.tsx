// GET /admin/sla – customers and their contracts: this month so far (provisional) and the last issued month
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { formatMonth } from "@/lib/domain/time-display.ts";
import { can } from "@/lib/domain/roles.ts";
import { requireActor } from "@/lib/session/guards.ts";
import type { ContractSummary } from "@/lib/sla/get-contract.ts";
import { type LastIssuedMonth, lastIssuedStatements } from "@/lib/sla/last-issued-statements.ts";
import { listCustomers } from "@/lib/sla/list-customers.ts";
import { previewCurrentMonth } from "@/lib/sla/preview-current-month.ts";
import {
  formatMinutes,
  formatMoney,
  formatPercent,
  formatPlainPercent,
  MONTH_RULE_LABEL,
} from "@/lib/sla/statement-labels.ts";
import type { MonthPreview } from "@/lib/sla/types.ts";
import { CustomerForm } from "./customer-form.tsx";
import { unlessOutOfRange } from "./optional-read.ts";
import { MetBadge, StateBadge } from "./sla-badges.tsx";

export const metadata: Metadata = { title: "SLA reports" };
export const dynamic = "force-dynamic";

function ThisMonth({ preview }: { preview: MonthPreview | null }) {
  if (!preview) return <dd>Outside the contract&apos;s term</dd>;
  const f = preview.figures;
  return (
    <dd className="space-y-0.5">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-semibold">{formatPercent(f.availabilityPercent)}</span> <StateBadge state="provisional" />
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Error budget left: {formatMinutes(preview.errorBudgetLeftMinutes)} (
        {formatPlainPercent(preview.errorBudgetLeftPercent)})
      </p>
    </dd>
  );
}

function LastIssued({ issued }: { issued: LastIssuedMonth | undefined }) {
  if (!issued) return <dd>None issued yet</dd>;
  return (
    <dd className="space-y-0.5">
      <p className="flex flex-wrap items-center gap-2">
        <span>{formatMonth(issued.month)}</span> <MetBadge met={issued.met} />
        {issued.revision > 1 && <StateBadge state="restated" />}
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {formatPercent(issued.availabilityPercent)} · credit {formatPlainPercent(issued.creditPercent)} ={" "}
        {formatMoney(issued.creditAmount, issued.currency)}
      </p>
    </dd>
  );
}

function ContractCard({
  contract,
  preview,
  issued,
}: {
  contract: ContractSummary;
  preview: MonthPreview | null;
  issued: LastIssuedMonth | undefined;
}) {
  return (
    <li className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-contract={contract.name}>
      <h3 className="text-lg font-semibold">
        <Link className="underline" href={`/admin/sla/contracts/${contract.id}`}>
          {contract.name}
        </Link>
      </h3>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Target {formatPlainPercent(contract.targetPercent)} · {MONTH_RULE_LABEL[contract.monthRule]} · from{" "}
        {contract.startsOn}
        {contract.endsOn ? ` to ${contract.endsOn}` : ""}
      </p>
      <dl className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <dt className="font-medium">This month{preview ? ` (${formatMonth(preview.month)}, so far)` : ""}</dt>
          <ThisMonth preview={preview} />
        </div>
        <div>
          <dt className="font-medium">Last issued month</dt>
          <LastIssued issued={issued} />
        </div>
      </dl>
    </li>
  );
}

export default async function SlaPage() {
  const actor = await requireActor("sla.read", { returnTo: "/admin/sla" });
  const now = new Date();
  const customers = await listCustomers(db());
  const contracts = customers.flatMap((c) => c.contracts);
  const [previews, issued] = await Promise.all([
    Promise.all(contracts.map((c) => unlessOutOfRange(previewCurrentMonth(db(), c.id, now)))),
    lastIssuedStatements(
      db(),
      contracts.map((c) => c.id),
    ),
  ]);
  const previewOf = new Map(contracts.map((c, i) => [c.id, previews[i] ?? null]));
  const manager = can(actor.role, "sla.manage");

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">SLA reports</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Each contract&apos;s month: provisional while it runs and for its grace period, then issued and frozen. Open a
          contract for its year, its terms and each month&apos;s statement.
        </p>
        {!manager && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Read only: only admins and account managers change customers and contracts.
          </p>
        )}
      </div>
      {customers.length === 0 && <p className="text-slate-700 dark:text-slate-300">No customers yet.</p>}
      {customers.map((customer) => (
        <section
          key={customer.id}
          aria-labelledby={`customer-${customer.id}`}
          className="space-y-3"
          data-customer={customer.key}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`customer-${customer.id}`} className="text-xl font-semibold">
              {customer.name}{" "}
              <span className="text-sm font-normal text-slate-600 dark:text-slate-400">{customer.key}</span>
            </h2>
            {manager && (
              <Link className="text-sm font-medium underline" href={`/admin/sla/contracts/new?customer=${customer.id}`}>
                Add a contract<span className="sr-only"> for {customer.name}</span>
              </Link>
            )}
          </div>
          {customer.contracts.length === 0 ? (
            <p className="text-slate-700 dark:text-slate-300">No contract yet.</p>
          ) : (
            <ul className="grid gap-3 lg:grid-cols-2">
              {customer.contracts.map((contract) => (
                <ContractCard
                  key={contract.id}
                  contract={contract}
                  preview={previewOf.get(contract.id) ?? null}
                  issued={issued.get(contract.id)}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
      {manager && (
        <section
          aria-labelledby="add-customer"
          className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="add-customer" className="text-xl font-semibold">
            Add a customer
          </h2>
          <CustomerForm />
        </section>
      )}
    </div>
  );
}
