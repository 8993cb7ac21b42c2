// GET /admin/sla/contracts/:id?year=YYYY – a contract: its terms, this month so far, the year month by month, and (admins, account managers) the edit form
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db.ts";
import { can } from "@/lib/domain/roles.ts";
import { toAppError } from "@/lib/errors.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { getContractYear } from "@/lib/sla/contract-year.ts";
import { type ContractDetail, getContract } from "@/lib/sla/get-contract.ts";
import { contractFormOptions } from "@/lib/sla/list-customers.ts";
import { previewCurrentMonth } from "@/lib/sla/preview-current-month.ts";
import { ContractForm } from "../../contract-form.tsx";
import { unlessOutOfRange } from "../../optional-read.ts";
import { ContractTerms } from "./contract-terms.tsx";
import { MonthPreview } from "./month-preview.tsx";
import { YearView } from "./year-view.tsx";

export const metadata: Metadata = { title: "Contract" };
export const dynamic = "force-dynamic";

async function contractOrNothing(id: string): Promise<ContractDetail | null> {
  try {
    return await getContract(db(), id);
  } catch (error) {
    if (toAppError(error).code === "NOT_FOUND") return null;
    throw error;
  }
}

function chosenYear(asked: string | string[] | undefined, now: Date): number {
  const year = typeof asked === "string" && /^\d{4}$/.test(asked) ? Number(asked) : now.getUTCFullYear();
  return year >= 2000 && year <= 2999 ? year : now.getUTCFullYear();
}

export default async function ContractPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ year?: string | string[] }>;
}) {
  const [{ id }, { year: asked }] = await Promise.all([params, searchParams]);
  const now = new Date();
  const year = chosenYear(asked, now);
  const actor = await requireActor("sla.read", { returnTo: `/admin/sla/contracts/${id}` });
  const contract = await contractOrNothing(id);
  if (!contract) notFound();
  const manager = can(actor.role, "sla.manage");
  const [months, preview, options] = await Promise.all([
    getContractYear(db(), id, year, now),
    unlessOutOfRange(previewCurrentMonth(db(), id, now)),
    manager ? contractFormOptions(db()) : null,
  ]);
  const firstYear = Number(contract.startsOn.slice(0, 4));

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm">
          <Link className="underline" href="/admin/sla">
            ← SLA reports
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {contract.customer.name} — {contract.name}
        </h1>
        {!manager && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Read only: only admins and account managers change contracts or restate statements.
          </p>
        )}
      </div>

      <section aria-labelledby="now" className="space-y-3">
        <h2 id="now" className="text-xl font-semibold">
          This month so far
        </h2>
        <MonthPreview contractId={id} preview={preview} />
      </section>

      <section aria-labelledby="year" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="year" className="text-xl font-semibold">
            {year}
          </h2>
          <nav aria-label="Years" className="flex gap-3 text-sm">
            {year > firstYear && (
              <Link className="underline" href={`/admin/sla/contracts/${id}?year=${year - 1}`}>
                ← {year - 1}
              </Link>
            )}
            {year < now.getUTCFullYear() && (
              <Link className="underline" href={`/admin/sla/contracts/${id}?year=${year + 1}`}>
                {year + 1} →
              </Link>
            )}
          </nav>
        </div>
        <YearView contractId={id} year={year} months={months} currency={contract.currency} />
      </section>

      <section aria-labelledby="terms" className="space-y-3">
        <h2 id="terms" className="text-xl font-semibold">
          Terms
        </h2>
        <ContractTerms contract={contract} />
      </section>

      {manager && options && (
        <section
          aria-labelledby="edit"
          className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="edit" className="text-xl font-semibold">
            Change the terms
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Issued months keep the terms they were issued with; a change shows in provisional months, and in a
            restatement if you make one.
          </p>
          <ContractForm contract={contract} options={options} />
        </section>
      )}
    </div>
  );
}
