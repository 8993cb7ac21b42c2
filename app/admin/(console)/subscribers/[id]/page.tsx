// GET /admin/subscribers/[id] – one subscriber: address (masked for viewers), scope, state and recent deliveries.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db.ts";
import { can } from "@/lib/domain/roles.ts";
import { AppError } from "@/lib/errors.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { DELIVERIES_SHOWN, getConsoleSubscriber } from "@/lib/subscribers/console-subscribers.ts";
import { Utc } from "../../../_components/badges.tsx";
import { ConsoleTable, TD_CLASS } from "../../../_components/console-table.tsx";
import { CHANNEL_LABEL, SCOPE_LABEL, STATE_LABEL, STATE_TONE } from "../labels.ts";
import { SubscriberActions } from "../subscriber-forms.tsx";

export const metadata: Metadata = { title: "Subscriber" };
export const dynamic = "force-dynamic";

const DELIVERY_LABEL: Record<string, string> = {
  pending: "Waiting",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  suppressed: "Bounced (suppressed)",
};

export default async function SubscriberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("console.read", { returnTo: `/admin/subscribers/${id}` });
  const s = await getConsoleSubscriber(db(), actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // An error message can quote the address (an SMTP reply, a webhook URL): viewers do not see it.
  const mayRead = can(actor.role, "subscriber.read");
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link className="underline" href="/admin/subscribers">
          All subscribers
        </Link>
      </p>
      <div className="space-y-2">
        <h1 className="break-all text-2xl font-bold">{s.address}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATE_TONE[s.state]}`}>
            {STATE_LABEL[s.state]}
          </span>
          <span>{CHANNEL_LABEL[s.channel]}</span>
          <span>· {SCOPE_LABEL[s.scope]}</span>
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Regions</dt>
          <dd>{s.regions.join(", ") || (s.scope === "everything" ? "All" : "—")}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Components</dt>
          <dd>
            {s.components.join(", ") || (s.scope === "everything" ? "All" : "—")}
            {s.tier1Only ? " (tier 1 only)" : ""}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Incidents followed</dt>
          <dd>{s.incidents.map((i) => i.title).join("; ") || "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Subscribed</dt>
          <dd>
            <Utc at={s.createdAt} />
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Confirmed</dt>
          <dd>
            <Utc at={s.confirmedAt} />
          </dd>
          {s.unsubscribedAt && (
            <>
              <dt className="text-slate-600 dark:text-slate-400">Unsubscribed</dt>
              <dd>
                <Utc at={s.unsubscribedAt} />
              </dd>
            </>
          )}
          {s.suppressedAt && (
            <>
              <dt className="text-slate-600 dark:text-slate-400">Suppressed</dt>
              <dd>
                <Utc at={s.suppressedAt} /> {s.suppressReason ? `— ${s.suppressReason}` : ""}
              </dd>
            </>
          )}
        </dl>
        {can(actor.role, "subscriber.manage") && (
          <SubscriberActions subscriberId={s.id} address={s.address} suppressed={s.state === "suppressed"} />
        )}
      </div>
      <section aria-labelledby="deliveries" className="space-y-3">
        <h2 id="deliveries" className="text-xl font-semibold">
          Deliveries{" "}
          <span className="text-base font-normal">
            ({s.deliveries.sent} sent · {s.deliveries.failed} failed · {s.deliveries.suppressed} bounced)
          </span>
        </h2>
        {s.recent.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">Nothing has been sent to this subscriber yet.</p>
        ) : (
          <ConsoleTable
            label={`The last ${DELIVERIES_SHOWN} deliveries, newest first`}
            headings={["Event", "About", "State", "Attempts", "Queued", "Sent"]}
            testId="deliveries"
          >
            {s.recent.map((d) => (
              <tr key={d.id} data-delivery-state={d.state}>
                <td className={TD_CLASS}>{d.kind.replaceAll("_", " ")}</td>
                <td className={TD_CLASS}>{d.title}</td>
                <td className={TD_CLASS}>
                  {DELIVERY_LABEL[d.state] ?? d.state}
                  {d.lastError && mayRead && (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{d.lastError}</span>
                  )}
                </td>
                <td className={`${TD_CLASS} tabular-nums`}>{d.attempts}</td>
                <td className={`${TD_CLASS} whitespace-nowrap`}>
                  <Utc at={d.createdAt} />
                </td>
                <td className={`${TD_CLASS} whitespace-nowrap`}>
                  <Utc at={d.sentAt} />
                </td>
              </tr>
            ))}
          </ConsoleTable>
        )}
      </section>
    </div>
  );
}
