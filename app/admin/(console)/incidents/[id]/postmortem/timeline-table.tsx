// The postmortem's timeline: what the record says (probes, the system) and
// what engineers added, in time order, each with its source. Engineers star
// entries, hide them from the public version, correct and remove their own.
import { LocalTime } from "@/app/_components/local-time.tsx";
import { MarkdownHtml } from "@/app/_components/markdown-html.tsx";
import { renderMarkdown } from "@/lib/markdown/render.ts";
import type { PostmortemView, TimelineEntryView } from "@/lib/postmortems/types.ts";
import { TD_CLASS as TD, TH_CLASS as TH } from "../../../../_components/console-table.tsx";
import { ScrollArea } from "../../../../_components/scroll-area.tsx";
import { removeTimelineEntryAction, timelineFlagsAction } from "./actions.ts";
import { InlineForm } from "./inline-form.tsx";
import { AddEntryForm, EditEntryForm } from "./timeline-forms.tsx";

const SOURCE_LABEL: Record<TimelineEntryView["source"], string> = {
  probe: "Probe",
  engineer: "Engineer",
  system: "System",
};

function EntryActions({ entry, incidentId }: { entry: TimelineEntryView; incidentId: string }) {
  const base = { entryId: entry.id, incidentId };
  return (
    <div className="flex flex-wrap items-start gap-2">
      <InlineForm
        action={timelineFlagsAction}
        fields={{ ...base, starred: String(!entry.starred) }}
        label={entry.starred ? "Unstar" : "Star"}
        ariaLabel={`${entry.starred ? "Unstar" : "Star"} this entry`}
      />
      <InlineForm
        action={timelineFlagsAction}
        fields={{ ...base, hidden: String(!entry.hidden) }}
        label={entry.hidden ? "Show publicly" : "Hide from public"}
        ariaLabel={entry.hidden ? "Show this entry publicly" : "Hide this entry from the public version"}
      />
      {entry.sourceKey === null && (
        <InlineForm
          action={removeTimelineEntryAction}
          fields={base}
          label="Remove"
          tone="danger"
          ariaLabel="Remove this entry"
        />
      )}
      <details className="basis-full">
        <summary className="cursor-pointer text-sm underline">Edit</summary>
        <EditEntryForm entryId={entry.id} incidentId={incidentId} at={entry.at.toISOString()} text={entry.text} />
      </details>
    </div>
  );
}

export function TimelineTable({ postmortem, writer }: { postmortem: PostmortemView; writer: boolean }) {
  const entries = postmortem.timeline;
  return (
    <div className="space-y-4">
      {entries.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">No entries yet.</p>
      ) : (
        <ScrollArea label="Timeline entries">
          <table className="w-full border-collapse text-sm" data-testid="timeline">
            <caption className="sr-only">Timeline, oldest first; times in UTC</caption>
            <thead>
              <tr>
                <th scope="col" className={TH}>
                  Time
                </th>
                <th scope="col" className={TH}>
                  Source
                </th>
                <th scope="col" className={TH}>
                  What happened
                </th>
                {writer && (
                  <th scope="col" className={TH}>
                    Actions
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr
                  key={entry.id}
                  data-entry={entry.sourceKey ?? "engineer"}
                  data-source={entry.source}
                  data-hidden={entry.hidden || undefined}
                  data-starred={entry.starred || undefined}
                  className={entry.hidden ? "text-slate-600 dark:text-slate-400" : ""}
                >
                  <td className={`${TD} whitespace-nowrap`}>
                    <LocalTime at={entry.at.toISOString()} />
                  </td>
                  <td className={TD}>
                    {SOURCE_LABEL[entry.source]}
                    {entry.author ? (
                      <span className="block text-xs">{entry.author.name ?? entry.author.email}</span>
                    ) : null}
                  </td>
                  <td className={TD}>
                    <p className="flex flex-wrap gap-1 text-xs font-semibold">
                      {entry.starred && <span className="rounded bg-amber-200 px-1 text-amber-950">★ Starred</span>}
                      {entry.hidden && (
                        <span className="rounded bg-slate-200 px-1 text-slate-900 dark:bg-slate-700 dark:text-slate-100">
                          Hidden from public
                        </span>
                      )}
                    </p>
                    <MarkdownHtml html={renderMarkdown(entry.text, { headingLevel: 4 })} />
                  </td>
                  {writer && (
                    <td className={`${TD} min-w-56`}>
                      <EntryActions entry={entry} incidentId={postmortem.incidentId} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      {writer && (
        <AddEntryForm
          postmortemId={postmortem.id}
          incidentId={postmortem.incidentId}
          defaultAt={(postmortem.incident.resolvedAt ?? postmortem.incident.startedAt).toISOString()}
        />
      )}
    </div>
  );
}
