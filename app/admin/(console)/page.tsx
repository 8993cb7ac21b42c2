// GET /admin – the console home: what is late. Postmortems due and overdue
// (owner, age, due date) and overdue action items; the rest is one click away.
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { listOverdueActionItems } from "@/lib/postmortems/list-action-items.ts";
import { listPostmortemsDue } from "@/lib/postmortems/list-postmortems-due.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { ActionItemList } from "./action-items/action-item-list.tsx";
import { DueTable } from "./postmortems/due-table.tsx";

export const metadata: Metadata = { title: "Console" };
export const dynamic = "force-dynamic";

export default async function ConsoleHome() {
  await requireActor("console.read", { returnTo: "/admin" });
  const now = new Date();
  const [due, overdueItems] = await Promise.all([listPostmortemsDue(db(), now), listOverdueActionItems(db(), now)]);
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Console</h1>
        <p className="text-sm">
          <Link className="underline" href="/admin/incidents">
            Incidents
          </Link>{" "}
          ·{" "}
          <Link className="underline" href="/admin/incidents?state=proposed">
            Proposals
          </Link>
        </p>
      </div>
      <section aria-labelledby="due" className="space-y-3">
        <h2 id="due" className="text-xl font-semibold">
          Postmortems due <span className="text-base font-normal">({due.length})</span>
        </h2>
        {due.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">Nothing due: every required postmortem is published.</p>
        ) : (
          <DueTable rows={due} label="Postmortems due and overdue, overdue first" />
        )}
      </section>
      <section aria-labelledby="overdue-items" className="space-y-3">
        <h2 id="overdue-items" className="text-xl font-semibold">
          Overdue action items <span className="text-base font-normal">({overdueItems.length})</span>
        </h2>
        {overdueItems.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">Nothing is overdue.</p>
        ) : (
          <ActionItemList rows={overdueItems} label="Overdue action items, oldest due first" />
        )}
        <p className="text-sm">
          <Link className="underline" href="/admin/action-items">
            All action items
          </Link>
        </p>
      </section>
    </div>
  );
}
