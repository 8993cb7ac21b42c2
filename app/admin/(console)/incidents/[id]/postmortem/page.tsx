// GET /admin/incidents/:id/postmortem – the incident's postmortem: measured
// impact and detection, the sections, the timeline, action items, review and
// publishing, revisions and exports. Engineers and admins write; account
// managers and viewers read the internal version.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkdownHtml } from "@/app/_components/markdown-html.tsx";
import { db } from "@/lib/db.ts";
import { mayMarkNotRequired } from "@/lib/domain/postmortem-policy.ts";
import { POSTMORTEM_SECTION_DEFINITIONS } from "@/lib/domain/postmortem-sections.ts";
import { can, type Actor } from "@/lib/domain/roles.ts";
import { getIncident } from "@/lib/incidents/get-incident.ts";
import { renderMarkdown } from "@/lib/markdown/render.ts";
import { getPostmortemForConsole } from "@/lib/postmortems/get-postmortem.ts";
import { listAssignableUsers } from "@/lib/postmortems/list-action-items.ts";
import { postmortemStatuses } from "@/lib/postmortems/list-postmortems-due.ts";
import type { PostmortemView } from "@/lib/postmortems/types.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { LifecycleBadge, PriorityBadge, TierBadge, Utc } from "../../../../_components/badges.tsx";
import { PolicyBadge, PostmortemStateBadge, personName } from "../../../postmortems/postmortem-badges.tsx";
import { ActionItemsTable } from "./action-items-table.tsx";
import { DetectionFacts, ImpactTables } from "./impact-report.tsx";
import { MarkdownHelp } from "./markdown-help.tsx";
import { NotRequiredForm, ReviewBox } from "./review-box.tsx";
import { SectionsForm } from "./sections-form.tsx";
import { StartPanelForm } from "./start-panel-form.tsx";
import { TimelineTable } from "./timeline-table.tsx";

export const metadata: Metadata = { title: "Postmortem" };
export const dynamic = "force-dynamic";

const EXPORTS = [
  ["md", "internal", "Markdown, internal"],
  ["pdf", "internal", "PDF, internal"],
  ["md", "public", "Markdown, public version"],
  ["pdf", "public", "PDF, public version"],
] as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function ReadOnlySections({ postmortem }: { postmortem: PostmortemView }) {
  return (
    <div className="space-y-5">
      {POSTMORTEM_SECTION_DEFINITIONS.map((s) => (
        <section
          key={s.key}
          aria-labelledby={`read-${s.key}`}
          className={s.internal ? "rounded-lg border-2 border-dashed border-violet-600 p-3" : ""}
          data-section={s.key}
        >
          <h3 id={`read-${s.key}`} className="text-lg font-semibold">
            {s.heading}
            {s.internal && (
              <span className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-xs font-bold text-violet-950 dark:bg-violet-950 dark:text-violet-100">
                internal — never published
              </span>
            )}
          </h3>
          {postmortem.sections[s.key].trim() === "" ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">Not written yet.</p>
          ) : (
            <MarkdownHtml html={renderMarkdown(postmortem.sections[s.key], { headingLevel: 4 })} />
          )}
        </section>
      ))}
    </div>
  );
}

async function Editor({ postmortem, actor }: { postmortem: PostmortemView; actor: Actor }) {
  const writer = postmortem.permissions.write;
  const owners = writer ? await listAssignableUsers(db()) : [];
  const savedPreviews = Object.fromEntries(
    POSTMORTEM_SECTION_DEFINITIONS.map((s) => [s.key, renderMarkdown(postmortem.sections[s.key], { headingLevel: 4 })]),
  );
  const exportBase = `/api/admin/postmortems/${encodeURIComponent(postmortem.id)}/export`;
  return (
    <>
      <ReviewBox postmortem={postmortem} actor={actor} />
      <Section id="impact" title="Measured impact">
        <ImpactTables report={postmortem.impactReport} />
      </Section>
      <Section id="detection" title="Detection">
        <DetectionFacts incident={postmortem.incident} report={postmortem.impactReport} />
      </Section>
      <Section id="sections" title="Sections">
        {writer ? (
          <>
            <MarkdownHelp />
            <SectionsForm postmortem={postmortem} savedPreviews={savedPreviews} />
          </>
        ) : (
          <ReadOnlySections postmortem={postmortem} />
        )}
      </Section>
      <Section id="timeline" title="Timeline">
        <TimelineTable postmortem={postmortem} writer={writer} />
      </Section>
      <Section id="action-items" title="Action items">
        <ActionItemsTable postmortem={postmortem} writer={writer} owners={owners} actorId={actor.id} />
      </Section>
      <Section id="revisions" title="Published revisions">
        {postmortem.revisions.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">Not published yet.</p>
        ) : (
          <ol className="list-inside list-disc text-sm" data-testid="revisions">
            {postmortem.revisions.map((r) => (
              <li key={r.id}>
                Revision {r.revision}: published <Utc at={r.publishedAt} /> by {personName(r.publishedBy)}
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section id="export" title="Export">
        <ul className="flex flex-wrap gap-3 text-sm">
          {EXPORTS.map(([format, version, label]) => (
            <li key={`${format}-${version}`}>
              <a className="underline" href={`${exportBase}?format=${format}&version=${version}`} download>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The internal version has Lessons learned, hidden timeline entries and every action item; the public one has
          what readers see.
        </p>
      </Section>
    </>
  );
}

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("console.read", { returnTo: `/admin/incidents/${id}/postmortem` });
  const now = new Date();
  const postmortem = await getPostmortemForConsole(db(), actor, { incidentId: id }, { now });
  const incident = postmortem ? null : await getIncident(db(), id);
  if (!postmortem && !incident) notFound();
  const head = postmortem?.incident ?? incident!;
  const status = postmortem?.policyStatus ?? (await postmortemStatuses(db(), [id], now)).get(id);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm">
          <Link className="underline" href={`/admin/incidents/${id}`}>
            ← The incident
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <PriorityBadge priority={head.priority} />
          <TierBadge tier={head.tier} />
          <LifecycleBadge status={head.status} />
          {postmortem && <PostmortemStateBadge state={postmortem.state} />}
          {status && <PolicyBadge status={status} />}
        </div>
        <h1 className="text-2xl font-bold">Postmortem: {head.title}</h1>
        {postmortem && (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Owner {personName(postmortem.owner)}
            {postmortem.dueAt && (
              <>
                {" "}
                · due <Utc at={postmortem.dueAt} />
              </>
            )}
            {postmortem.publishedAt && (
              <>
                {" "}
                · published <Utc at={postmortem.publishedAt} /> (
                <Link className="underline" href={`/incidents/${id}#postmortem`}>
                  as readers see it
                </Link>
                )
              </>
            )}
          </p>
        )}
        {!can(actor.role, "postmortem.write") && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Read only: your role reads postmortems, including the internal parts.
          </p>
        )}
      </div>
      {postmortem ? (
        <Editor postmortem={postmortem} actor={actor} />
      ) : (
        <StartPanel incident={incident!} actor={actor} />
      )}
    </div>
  );
}

function StartPanel({
  incident,
  actor,
}: {
  incident: NonNullable<Awaited<ReturnType<typeof getIncident>>>;
  actor: Actor;
}) {
  const writer = can(actor.role, "postmortem.write");
  if (incident.review !== "approved") {
    return (
      <p className="text-slate-700 dark:text-slate-300">
        Only an approved incident gets a postmortem: this one is{" "}
        {incident.review === "proposed" ? "still a proposal" : "a dismissed proposal"}.
      </p>
    );
  }
  if (!writer) return <p className="text-slate-700 dark:text-slate-300">Nobody has started this postmortem yet.</p>;
  return (
    <section aria-labelledby="start" className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <h2 id="start" className="text-xl font-semibold">
        Not started yet
      </h2>
      <p>
        Starting it fills in the measured impact, the detection facts, the timeline from probes and updates, and first
        drafts of Summary, Impact, Detection and Mitigation from the record.
      </p>
      <StartPanelForm incidentId={incident.id} />
      {mayMarkNotRequired(incident.priority) && <NotRequiredForm incidentId={incident.id} />}
    </section>
  );
}
