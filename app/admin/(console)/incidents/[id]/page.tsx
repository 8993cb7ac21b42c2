// GET /admin/incidents/:id – one incident: its state, evidence, timeline, and
// (for engineers and admins) the forms that move it on
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db.ts";
import { can } from "@/lib/domain/roles.ts";
import { STATUS_LABEL } from "@/lib/domain/status.ts";
import { getIncident, type IncidentDetail } from "@/lib/incidents/get-incident.ts";
import { postmortemSummaries } from "@/lib/postmortems/postmortem-summaries.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { getStatusOverview } from "@/lib/public/overview.ts";
import { StatusLabel } from "@/app/_components/status-icon.tsx";
import {
  IMPACT_LABEL,
  LifecycleBadge,
  PriorityBadge,
  ReviewBadge,
  TierBadge,
  Utc,
} from "../../../_components/badges.tsx";
import { PostmortemLine } from "../../postmortems/postmortem-line.tsx";
import { pickerData } from "../picker-data.ts";
import { ApproveForm, DismissForm, ResolveForm, UpdateForm } from "./incident-forms.tsx";

export const metadata: Metadata = { title: "Incident" };
export const dynamic = "force-dynamic";

function Evidence({ incident }: { incident: IncidentDetail }) {
  const evidence = incident.evidence;
  if (!evidence) return null;
  return (
    <section aria-labelledby="evidence" className="space-y-2">
      <h2 id="evidence" className="text-xl font-semibold">
        What probes saw
      </h2>
      <ul className="space-y-3">
        {evidence.componentRegions.map((cr) => (
          <li
            key={cr.componentRegionId}
            className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800"
          >
            <p className="font-medium">
              {cr.componentKey} in {cr.regionKey}: {STATUS_LABEL[cr.status].toLowerCase()} since <Utc at={cr.since} />
            </p>
            {cr.verdicts.length > 0 && (
              <p className="text-slate-700 dark:text-slate-300">Confirming rounds: {cr.verdicts.join(", ")}</p>
            )}
            {cr.failingVantages.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {cr.failingVantages.map((v) => (
                  <li key={`${v.vantage}-${v.checkedAt}`}>
                    from {v.vantage}: {v.outcome}
                    {v.error ? ` — ${v.error}` : ""} (<Utc at={v.checkedAt} />)
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {evidence.sampleErrors.length > 0 && (
        <div className="text-sm">
          <p className="font-medium">Sample errors</p>
          <ul className="list-disc pl-5">
            {evidence.sampleErrors.map((e) => (
              <li key={e}>
                <code className="break-all">{e}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Timeline({ incident }: { incident: IncidentDetail }) {
  const updates = [...incident.updates].reverse();
  return (
    <section aria-labelledby="timeline" className="space-y-3">
      <h2 id="timeline" className="text-xl font-semibold">
        Timeline
      </h2>
      {updates.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">
          No updates yet: a proposal gets its first public message when it is approved.
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Updates, newest first">
          {updates.map((update) => (
            <li
              key={update.id}
              className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
              data-update-status={update.status}
            >
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <LifecycleBadge status={update.status} />
                <Utc at={update.createdAt} />
                <span className="text-slate-700 dark:text-slate-300">
                  {update.author ? `by ${update.author.name ?? update.author.email}` : "by Bellwether"}
                </span>
                {!update.notifySubscribers && (
                  <span className="text-xs text-slate-600 dark:text-slate-400">(subscribers not emailed)</span>
                )}
              </p>
              <p className="mt-2 whitespace-pre-wrap break-words">{update.message}</p>
              {update.affected.length > 0 && (
                <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                  {update.affected
                    .map((a) => `${a.componentName} in ${a.regionName}: ${STATUS_LABEL[a.status].toLowerCase()}`)
                    .join(" · ")}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const MILESTONES = [
  ["startedAt", "Started"],
  ["detectedAt", "Detected"],
  ["acknowledgedAt", "Acknowledged"],
  ["mitigatedAt", "Mitigated"],
  ["resolvedAt", "Resolved"],
] as const;

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("console.read", { returnTo: `/admin/incidents/${id}` });
  const incident = await getIncident(db(), id);
  if (!incident) notFound();
  const writer = can(actor.role, "incident.write");
  const open = incident.review === "approved" && incident.status !== "resolved";
  const picker = writer && open ? pickerData(await getStatusOverview(db(), new Date())) : null;
  const summary =
    incident.review === "approved"
      ? (await postmortemSummaries(db(), [incident.id], new Date())).get(incident.id)
      : undefined;
  // An optional postmortem nobody started is worth a line only to someone who may start it.
  const postmortem =
    summary && (summary.status !== "optional" || summary.postmortemId || can(actor.role, "postmortem.write"))
      ? summary
      : undefined;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm">
          <Link className="underline" href="/admin/incidents">
            ← Incidents
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <PriorityBadge priority={incident.priority} />
          <TierBadge tier={incident.tier} />
          <LifecycleBadge status={incident.status} />
          <ReviewBadge review={incident.review} />
          <span className="text-sm text-slate-700 dark:text-slate-300">
            impact {IMPACT_LABEL[incident.impact].toLowerCase()} ·{" "}
            {incident.source === "detected" ? "detected by probes" : "declared by hand"}
          </span>
        </div>
        <h1 className="text-2xl font-bold">{incident.title}</h1>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-5">
          {MILESTONES.map(([key, label]) => (
            <div key={key}>
              <dt className="font-medium">{label}</dt>
              <dd>
                <Utc at={incident[key]} />
              </dd>
            </div>
          ))}
        </dl>
        {!writer && (
          <p className="text-sm text-slate-600 dark:text-slate-400">Read only: your role does not change incidents.</p>
        )}
      </div>

      {incident.status === "resolved" && incident.resolvedAt && (
        <p
          role="status"
          className="rounded-lg border-l-4 border-emerald-600 bg-emerald-50 px-4 py-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
          data-testid="resolved"
        >
          Resolved <Utc at={incident.resolvedAt} />. Readers see it as resolved, and probes decide the components&apos;
          status again.
        </p>
      )}

      {postmortem && (
        <section
          aria-labelledby="postmortem"
          className="space-y-1 rounded-lg border border-slate-200 px-4 py-3 dark:border-slate-800"
          data-testid="incident-postmortem"
        >
          <h2 id="postmortem" className="font-semibold">
            Postmortem
          </h2>
          <PostmortemLine
            incidentId={incident.id}
            summary={postmortem}
            canWrite={can(actor.role, "postmortem.write")}
          />
        </section>
      )}

      {incident.resolveProposed && (
        <section
          aria-labelledby="recovered"
          className="rounded-lg border-l-4 border-emerald-600 bg-emerald-50 px-4 py-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
          data-testid="resolve-proposed"
        >
          <h2 id="recovered" className="font-semibold">
            Probes recovered — resolve?
          </h2>
          <p className="text-sm">
            Probes confirm every affected component is operational again in every affected region.
          </p>
          {writer && <ResolveForm incident={incident} />}
        </section>
      )}

      {incident.review === "proposed" && (
        <section
          aria-labelledby="review"
          className="space-y-4 rounded-lg border-l-4 border-violet-600 bg-violet-50 px-4 py-3 dark:bg-violet-950"
        >
          <h2 id="review" className="text-xl font-semibold">
            Proposed by monitoring: not public yet
          </h2>
          <p className="text-sm">
            Approve it to publish it on the status page and tell subscribers, or dismiss it with a reason.
          </p>
          {writer && (
            <div className="grid gap-6 md:grid-cols-2">
              <ApproveForm incident={incident} />
              <DismissForm incident={incident} />
            </div>
          )}
        </section>
      )}

      {incident.review === "dismissed" && (
        <p className="rounded border-l-4 border-slate-500 bg-slate-50 px-4 py-3 dark:bg-slate-900">
          Dismissed: <span className="font-medium">{incident.dismissReason}</span>
        </p>
      )}

      <section aria-labelledby="affected" className="space-y-2">
        <h2 id="affected" className="text-xl font-semibold">
          Affected
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {incident.componentRegions.map((cr) => (
            <li
              key={cr.componentRegionId}
              className="flex flex-wrap items-center justify-between gap-2 rounded border border-slate-200 px-3 py-2 dark:border-slate-800"
              data-affected={`${cr.componentKey}@${cr.regionKey}`}
            >
              <span>
                {cr.componentName} <span className="text-sm text-slate-600 dark:text-slate-400">in {cr.regionKey}</span>
              </span>
              <StatusLabel status={cr.status} />
            </li>
          ))}
        </ul>
      </section>

      {writer && open && picker && (
        <section
          aria-labelledby="post-update"
          className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="post-update" className="text-xl font-semibold">
            Post an update
          </h2>
          <UpdateForm incident={incident} picker={picker} />
        </section>
      )}

      <Evidence incident={incident} />
      <Timeline incident={incident} />
    </div>
  );
}
