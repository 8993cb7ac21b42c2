// GET /admin/incidents?state=proposed|open|resolved|dismissed – tier-1 work first, then priority
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db.ts";
import { can } from "@/lib/domain/roles.ts";
import { type IncidentSummary, listConsoleIncidents } from "@/lib/incidents/list-console-incidents.ts";
import { postmortemSummaries } from "@/lib/postmortems/postmortem-summaries.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { LifecycleBadge, PriorityBadge, ReviewBadge, TierBadge, Utc } from "../../_components/badges.tsx";
import { PostmortemLine } from "../postmortems/postmortem-line.tsx";

export const metadata: Metadata = { title: "Incidents" };
export const dynamic = "force-dynamic";

const TABS = [
  {
    state: "proposed",
    label: "Proposed",
    empty:
      "No proposals. When probes confirm an outage, a proposal appears here for an engineer to approve or dismiss.",
  },
  { state: "open", label: "Open", empty: "No open incidents." },
  { state: "resolved", label: "Resolved", empty: "No resolved incidents yet." },
  { state: "dismissed", label: "Dismissed", empty: "No dismissed proposals." },
] as const;

type TabState = (typeof TABS)[number]["state"];

function affectedSummary(incident: IncidentSummary): string {
  const byComponent = new Map<string, string[]>();
  for (const cr of incident.componentRegions)
    byComponent.set(cr.componentName, [...(byComponent.get(cr.componentName) ?? []), cr.regionKey]);
  return [...byComponent].map(([component, regions]) => `${component} in ${regions.join(", ")}`).join("; ");
}

export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<{ state?: string | string[] }>;
}) {
  const { state: asked } = await searchParams;
  const chosen = TABS.find((t) => t.state === asked)?.state;
  const actor = await requireActor("console.read", { returnTo: `/admin/incidents${chosen ? `?state=${chosen}` : ""}` });
  const lists = await Promise.all(TABS.map((t) => listConsoleIncidents(db(), { state: t.state })));
  const counts = Object.fromEntries(TABS.map((t, i) => [t.state, lists[i]!.length])) as Record<TabState, number>;
  // Opens on the proposals while any wait for an engineer: they are what needs a decision now.
  const state: TabState = chosen ?? (counts.proposed > 0 ? "proposed" : "open");
  const incidents = lists[TABS.findIndex((t) => t.state === state)]!;
  const tab = TABS.find((t) => t.state === state)!;
  // Postmortems matter once an incident is public: due, overdue, owner and age on each card.
  const postmortems = await postmortemSummaries(
    db(),
    incidents.filter((i) => i.review === "approved").map((i) => i.id),
    new Date(),
  );
  const outstanding = [...postmortems.values()].filter(
    (p) => p.status === "missing" || p.status === "due" || p.status === "overdue",
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Incidents</h1>
        {can(actor.role, "incident.write") && (
          <Link
            href="/admin/incidents/new"
            className="rounded bg-slate-900 px-4 py-2 text-sm font-semibold text-white dark:bg-slate-100 dark:text-slate-900"
          >
            Declare incident
          </Link>
        )}
      </div>
      <nav aria-label="Incident lists">
        <ul className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
          {TABS.map((t) => (
            <li key={t.state}>
              <Link
                href={`/admin/incidents?state=${t.state}`}
                aria-current={t.state === state ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${t.state === state ? "border-slate-900 dark:border-slate-100" : "border-transparent text-slate-700 dark:text-slate-300"}`}
              >
                {t.label}{" "}
                <span className="rounded-full bg-slate-100 px-1.5 text-xs dark:bg-slate-800">{counts[t.state]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {outstanding.length > 0 && (
        <p
          className="rounded border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
          data-testid="postmortems-due-notice"
        >
          {outstanding.length} postmortem{outstanding.length === 1 ? "" : "s"} due in this list
          {outstanding.some((p) => p.status === "overdue")
            ? `, ${outstanding.filter((p) => p.status === "overdue").length} overdue`
            : ""}
          .{" "}
          <Link className="underline" href="/admin/postmortems">
            All postmortems due
          </Link>
        </p>
      )}
      {incidents.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">{tab.empty}</p>
      ) : (
        <ol className="space-y-3" aria-label={`${tab.label} incidents, tier 1 first, then by priority`}>
          {incidents.map((incident) => (
            <li
              key={incident.id}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
              data-incident={incident.id}
            >
              <div className="flex flex-wrap items-center gap-2">
                <PriorityBadge priority={incident.priority} />
                <TierBadge tier={incident.tier} />
                <LifecycleBadge status={incident.status} />
                <ReviewBadge review={incident.review} />
                {incident.source === "detected" && (
                  <span className="text-xs text-slate-600 dark:text-slate-400">detected by probes</span>
                )}
              </div>
              <h2 className="mt-2 text-lg font-semibold">
                <Link className="underline" href={`/admin/incidents/${incident.id}`}>
                  {incident.title}
                </Link>
              </h2>
              <p className="text-sm text-slate-700 dark:text-slate-300">{affectedSummary(incident)}</p>
              {incident.resolveProposed && (
                <p className="mt-1 text-sm font-semibold text-emerald-800 dark:text-emerald-300">
                  Probes recovered — resolve?
                </p>
              )}
              {incident.review === "proposed" && incident.sampleErrors.length > 0 && (
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                  Probes saw: {incident.sampleErrors.slice(0, 2).join("; ")}
                </p>
              )}
              {postmortems.get(incident.id) && (
                <div className="mt-1">
                  <PostmortemLine
                    incidentId={incident.id}
                    summary={postmortems.get(incident.id)!}
                    canWrite={can(actor.role, "postmortem.write")}
                  />
                </div>
              )}
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                Started <Utc at={incident.startedAt} />
                {incident.lastUpdateAt && (
                  <>
                    {" "}
                    · last update <Utc at={incident.lastUpdateAt} />
                  </>
                )}
                {incident.resolvedAt && (
                  <>
                    {" "}
                    · resolved <Utc at={incident.resolvedAt} />
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
