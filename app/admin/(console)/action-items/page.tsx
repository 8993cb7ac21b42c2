// GET /admin/action-items?list=mine|open|overdue – the signed-in engineer's
// action items (the default), every open one, or the overdue ones.
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { can } from "@/lib/domain/roles.ts";
import { listMyActionItems, listOverdueActionItems } from "@/lib/postmortems/list-action-items.ts";
import { listOpenActionItems } from "@/lib/postmortems/list-open-action-items.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { ActionItemList } from "./action-item-list.tsx";

export const metadata: Metadata = { title: "Action items" };
export const dynamic = "force-dynamic";

const LISTS = [
  { list: "mine", label: "My action items", empty: "Nothing is assigned to you." },
  { list: "open", label: "All open", empty: "No open action items." },
  { list: "overdue", label: "Overdue", empty: "Nothing is overdue." },
] as const;

type List = (typeof LISTS)[number]["list"];

export default async function ActionItemsPage({
  searchParams,
}: {
  searchParams: Promise<{ list?: string | string[] }>;
}) {
  const { list: asked } = await searchParams;
  const actor = await requireActor("console.read", { returnTo: "/admin/action-items" });
  // Only engineers and admins own action items; everyone else starts at the open ones.
  const owns = can(actor.role, "postmortem.write");
  const list: List = LISTS.find((l) => l.list === asked)?.list ?? (owns ? "mine" : "open");
  const now = new Date();
  const rows =
    list === "mine"
      ? await listMyActionItems(db(), actor, { now, includeFinished: true })
      : list === "open"
        ? await listOpenActionItems(db(), actor, now)
        : await listOverdueActionItems(db(), now);
  const current = LISTS.find((l) => l.list === list)!;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">
        {list === "mine" ? current.label : `Action items: ${current.label.toLowerCase()}`}
      </h1>
      <nav aria-label="Action item lists">
        <ul className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
          {LISTS.filter((l) => owns || l.list !== "mine").map((l) => (
            <li key={l.list}>
              <Link
                href={`/admin/action-items?list=${l.list}`}
                aria-current={l.list === list ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${l.list === list ? "border-slate-900 dark:border-slate-100" : "border-transparent text-slate-700 dark:text-slate-300"}`}
              >
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">{current.empty}</p>
      ) : (
        <ActionItemList rows={rows} label={current.label} movable={owns} />
      )}
    </div>
  );
}
