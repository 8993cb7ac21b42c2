// GET /admin/postmortems?tab=due|in_review|approved|draft|published – every
// postmortem by where it stands: due and overdue (owner, age, due date),
// waiting for review or publication, drafts, published.
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { listConsolePostmortems, type ConsolePostmortemRow } from "@/lib/postmortems/list-console-postmortems.ts";
import { listPostmortemsDue } from "@/lib/postmortems/list-postmortems-due.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { PriorityBadge, Utc } from "../../_components/badges.tsx";
import { ConsoleTable, TD_CLASS as TD } from "../../_components/console-table.tsx";
import { DueTable, postmortemHref } from "./due-table.tsx";
import { PolicyBadge, PostmortemStateBadge, personName } from "./postmortem-badges.tsx";

export const metadata: Metadata = { title: "Postmortems" };
export const dynamic = "force-dynamic";

const TABS = [
  { tab: "due", label: "Due and overdue", empty: "Nothing due: every required postmortem is published." },
  { tab: "in_review", label: "In review", empty: "Nothing waits for review." },
  { tab: "approved", label: "Approved", empty: "Nothing approved waits to be published." },
  { tab: "draft", label: "Drafts", empty: "No drafts." },
  { tab: "published", label: "Published", empty: "Nothing published yet." },
] as const;

type Tab = (typeof TABS)[number]["tab"];

function StateTable({ rows, label }: { rows: ConsolePostmortemRow[]; label: string }) {
  return (
    <ConsoleTable
      label={label}
      testId="postmortems"
      headings={["Incident", "Priority", "State", "Author", "Owner", "Changed", "Published"]}
    >
      {rows.map((row) => (
        <tr key={row.postmortemId} data-postmortem={row.postmortemId}>
          <td className={TD}>
            <Link className="font-medium underline" href={postmortemHref(row.incidentId)}>
              {row.incidentTitle}
            </Link>
            {(row.policyStatus === "overdue" || row.policyStatus === "due") && (
              <span className="mt-1 block">
                <PolicyBadge status={row.policyStatus} />
              </span>
            )}
          </td>
          <td className={TD}>
            <PriorityBadge priority={row.priority} />
          </td>
          <td className={TD}>
            <PostmortemStateBadge state={row.state} />
          </td>
          <td className={TD}>{personName(row.author)}</td>
          <td className={TD}>{personName(row.owner)}</td>
          <td className={TD}>
            <Utc at={row.updatedAt} />
          </td>
          <td className={TD}>
            <Utc at={row.publishedAt} />
            {row.publishCount > 1 ? ` (${row.publishCount} times)` : ""}
          </td>
        </tr>
      ))}
    </ConsoleTable>
  );
}

export default async function PostmortemsPage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const { tab: asked } = await searchParams;
  const tab: Tab = TABS.find((t) => t.tab === asked)?.tab ?? "due";
  const actor = await requireActor("console.read", { returnTo: `/admin/postmortems?tab=${tab}` });
  const now = new Date();
  const [due, ...byState] = await Promise.all([
    listPostmortemsDue(db(), now),
    ...(["in_review", "approved", "draft", "published"] as const).map((state) =>
      listConsolePostmortems(db(), actor, { states: [state] }, now),
    ),
  ]);
  const lists: Record<Exclude<Tab, "due">, ConsolePostmortemRow[]> = {
    in_review: byState[0]!,
    approved: byState[1]!,
    draft: byState[2]!,
    published: byState[3]!,
  };
  const count = (t: Tab) => (t === "due" ? due.length : lists[t].length);
  const current = TABS.find((t) => t.tab === tab)!;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Postmortems</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Every P1 and P2 incident needs a postmortem once it is resolved. Open an incident to start one, or pick one
        below.
      </p>
      <nav aria-label="Postmortem lists">
        <ul className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
          {TABS.map((t) => (
            <li key={t.tab}>
              <Link
                href={`/admin/postmortems?tab=${t.tab}`}
                aria-current={t.tab === tab ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${t.tab === tab ? "border-slate-900 dark:border-slate-100" : "border-transparent text-slate-700 dark:text-slate-300"}`}
              >
                {t.label}{" "}
                <span className="rounded-full bg-slate-100 px-1.5 text-xs dark:bg-slate-800">{count(t.tab)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {count(tab) === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">{current.empty}</p>
      ) : tab === "due" ? (
        <DueTable rows={due} label="Postmortems due and overdue, overdue first" />
      ) : (
        <StateTable rows={lists[tab]} label={`${current.label} postmortems, most recently changed first`} />
      )}
    </div>
  );
}
