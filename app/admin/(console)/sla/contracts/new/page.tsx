// GET /admin/sla/contracts/new?customer=<id> – write a customer's new contract (admins and account managers)
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db.ts";
import { toAppError } from "@/lib/errors.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { contractFormOptions, getCustomer } from "@/lib/sla/list-customers.ts";
import { ContractForm } from "../../contract-form.tsx";

export const metadata: Metadata = { title: "New contract" };
export const dynamic = "force-dynamic";

async function customerOrNothing(id: string | undefined) {
  if (!id) return null;
  try {
    return await getCustomer(db(), id);
  } catch (error) {
    if (toAppError(error).code === "NOT_FOUND") return null;
    throw error;
  }
}

export default async function NewContractPage({
  searchParams,
}: {
  searchParams: Promise<{ customer?: string | string[] }>;
}) {
  const { customer: asked } = await searchParams;
  const customerId = typeof asked === "string" ? asked : undefined;
  await requireActor("sla.manage", {
    returnTo: `/admin/sla/contracts/new${customerId ? `?customer=${encodeURIComponent(customerId)}` : ""}`,
  });
  const [customer, options] = await Promise.all([customerOrNothing(customerId), contractFormOptions(db())]);
  if (!customer) notFound();
  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-sm">
        <Link className="underline" href="/admin/sla">
          ← SLA reports
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New contract for {customer.name}</h1>
      <p className="text-slate-700 dark:text-slate-300">
        The contract covers its regions × products (all components, or tier 1 only) from its start date. Statements for
        its months appear as soon as it is saved.
      </p>
      <ContractForm contract={null} customerId={customer.id} options={options} />
    </div>
  );
}
