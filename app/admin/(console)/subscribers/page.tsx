// GET /admin/subscribers?q=… – who gets status updates: counts by state, scope
// and channel, a search by address, each subscriber's scope and deliveries.
// Admins remove and unsuppress; everyone else reads, and viewers see masked addresses.
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { can } from "@/lib/domain/roles.ts";
import { SCOPE_KINDS, SUBSCRIBER_STATES } from "@/lib/domain/subscriber-state.ts";
import { requireActor } from "@/lib/session/guards.ts";
import {
  CONSOLE_PAGE_SIZE,
  type ConsoleSubscriber,
  countSubscribers,
  listConsoleSubscribers,
} from "@/lib/subscribers/console-subscribers.ts";
import { Utc } from "../../_components/badges.tsx";
import { ConsoleTable, TD_CLASS } from "../../_components/console-table.tsx";
import { INPUT_CLASS } from "../../_components/field-props.ts";
import { CHANNEL_LABEL, SCOPE_LABEL, STATE_LABEL, STATE_TONE } from "./labels.ts";
import { SubscriberActions } from "./subscriber-forms.tsx";

export const metadata: Metadata = { title: "Subscribers" };
export const dynamic = "force-dynamic";

function ScopeText({ s }: { s: ConsoleSubscriber }) {
  const parts: string[] = [];
  if (s.scope === "everything") parts.push("Everything");
  if (s.components.length) parts.push(s.components.join(", "));
  if (s.regions.length) parts.push(`in ${s.regions.join(", ")}`);
  if (s.scope === "chosen" && !s.components.length) parts.unshift("Every component");
  if (s.scope === "none") parts.push("Nothing");
  return (
    <>
      <span>
        {parts.join(" ")}
        {s.tier1Only ? " (tier 1 only)" : ""}
      </span>
      {s.incidents.map((i) => (
        <span key={i.id} className="block">
          Incident:{" "}
          <Link className="underline" href={`/admin/incidents/${i.id}`}>
            {i.title}
          </Link>
        </span>
      ))}
    </>
  );
}

export default async function SubscribersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; removed?: string | string[] }>;
}) {
  const actor = await requireActor("console.read", { returnTo: "/admin/subscribers" });
  const { q, removed } = await searchParams;
  const query = typeof q === "string" ? q : undefined;
  const mayRead = can(actor.role, "subscriber.read");
  const mayManage = can(actor.role, "subscriber.manage");
  const [counts, list] = await Promise.all([countSubscribers(db()), listConsoleSubscribers(db(), actor, { q: query })]);
  const headings = ["Address", "Channel", "State", "Scope", "Deliveries", "Since", ...(mayManage ? ["Actions"] : [])];

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Subscribers</h1>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            {counts.total} in all · {counts.byChannel.email} by email · {counts.byChannel.webhook} by webhook.
            {mayRead ? "" : " Addresses are masked for your role."}
          </p>
        </div>
        {mayManage && (
          <a
            href="/admin/subscribers/webhooks/new"
            className="rounded border border-slate-400 px-3 py-1.5 text-sm font-medium dark:border-slate-600"
          >
            Add a webhook
          </a>
        )}
        <a
          href="/api/admin/subscribers/export"
          className="rounded border border-slate-400 px-3 py-1.5 text-sm font-medium dark:border-slate-600"
          download
        >
          Export CSV
        </a>
      </div>

      {removed === "1" && (
        <p
          role="status"
          className="rounded border-l-4 border-emerald-600 bg-emerald-50 px-4 py-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Subscriber removed, with their scope and outbox rows. The audit trail keeps a masked address.
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="by-state" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="by-state" className="font-semibold">
            By state
          </h2>
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="counts-by-state">
            {SUBSCRIBER_STATES.map((s) => (
              <div key={s} className="contents" data-state={s}>
                <dt>{STATE_LABEL[s]}</dt>
                <dd className="text-right font-semibold tabular-nums">{counts.byState[s]}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="by-scope" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="by-scope" className="font-semibold">
            By scope
          </h2>
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="counts-by-scope">
            {SCOPE_KINDS.map((s) => (
              <div key={s} className="contents" data-scope={s}>
                <dt>{SCOPE_LABEL[s]}</dt>
                <dd className="text-right font-semibold tabular-nums">{counts.byScope[s]}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>

      <section aria-labelledby="list" className="space-y-3">
        <h2 id="list" className="text-xl font-semibold">
          {list.searched ? `Matching “${query}”` : `Newest ${CONSOLE_PAGE_SIZE}`}
        </h2>
        {mayRead && (
          <form aria-label="Search subscribers" className="flex flex-wrap items-end gap-2" action="/admin/subscribers">
            <div className="space-y-1">
              <label htmlFor="subscriber-search" className="block text-sm font-medium">
                Search by address
              </label>
              <input id="subscriber-search" name="q" type="search" defaultValue={query} className={INPUT_CLASS} />
            </div>
            <button
              type="submit"
              className="rounded border border-slate-400 px-3 py-2 text-sm font-medium dark:border-slate-600"
            >
              Search
            </button>
            {list.searched && (
              <Link className="pb-2 text-sm underline" href="/admin/subscribers">
                Clear
              </Link>
            )}
          </form>
        )}
        {list.rows.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">
            {list.searched ? "No subscriber's address contains that." : "No subscribers yet."}
          </p>
        ) : (
          <ConsoleTable label="Subscribers, newest first" headings={headings} testId="subscribers">
            {list.rows.map((s) => (
              <tr key={s.id} data-subscriber={s.id} data-state={s.state}>
                <td className={TD_CLASS}>
                  <Link className="break-all underline" href={`/admin/subscribers/${s.id}`} data-address>
                    {s.address}
                  </Link>
                  {s.suppressReason && (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{s.suppressReason}</span>
                  )}
                </td>
                <td className={TD_CLASS}>{CHANNEL_LABEL[s.channel]}</td>
                <td className={TD_CLASS}>
                  <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATE_TONE[s.state]}`}>
                    {STATE_LABEL[s.state]}
                  </span>
                </td>
                <td className={TD_CLASS}>
                  <ScopeText s={s} />
                </td>
                <td className={`${TD_CLASS} whitespace-nowrap tabular-nums`}>
                  {s.deliveries.sent} sent · {s.deliveries.failed} failed · {s.deliveries.suppressed} bounced
                  {s.deliveries.pending > 0 ? ` · ${s.deliveries.pending} waiting` : ""}
                </td>
                <td className={`${TD_CLASS} whitespace-nowrap`}>
                  <Utc at={s.createdAt} />
                </td>
                {mayManage && (
                  <td className={TD_CLASS}>
                    <SubscriberActions subscriberId={s.id} address={s.address} suppressed={s.state === "suppressed"} />
                  </td>
                )}
              </tr>
            ))}
          </ConsoleTable>
        )}
      </section>
    </div>
  );
}
