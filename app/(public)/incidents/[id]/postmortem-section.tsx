// The published postmortem on the public incident page: its sections in
// order (HTML rendered and sanitized when it was published — nothing is parsed
// here), the public action items under Corrective and preventative measures,
// and the public timeline. Only the snapshot: drafts and later edits never show.
import { LocalTime } from "@/app/_components/local-time.tsx";
import { MarkdownHtml } from "@/app/_components/markdown-html.tsx";
import { ACTION_ITEM_STATE_LABEL, ACTION_ITEM_TYPE_LABEL } from "@/lib/domain/postmortem-action-items.ts";
import type { PostmortemSection, PublishedActionItem, PublishedPostmortem } from "@/lib/domain/published-postmortem.ts";

const SOURCE_LABEL = { probe: "Monitoring", engineer: "Engineers", system: "Status page" } as const;

const STATE_TONE: Record<PublishedActionItem["state"], string> = {
  open: "border-slate-500",
  in_progress: "border-sky-700 dark:border-sky-400",
  done: "border-emerald-700 dark:border-emerald-400",
  wont_do: "border-slate-400",
};

function SectionBody({ section }: { section: PostmortemSection }) {
  if (section.html !== null) return <MarkdownHtml html={section.html} />;
  // Older snapshots kept plain text: shown as text, never as markup.
  return (
    <div className="space-y-3">
      {section.paragraphs.map((paragraph, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are static text with no identity of their own
        <p key={i} className="whitespace-pre-line">
          {paragraph}
        </p>
      ))}
    </div>
  );
}

function ActionItems({ items }: { items: PublishedActionItem[] }) {
  return (
    <ul className="space-y-2" aria-label="What we are changing, with its state" data-testid="public-action-items">
      {items.map((item) => (
        <li
          key={`${item.title}-${item.type}`}
          className={`border-l-4 pl-3 ${STATE_TONE[item.state]}`}
          data-item-state={item.state}
        >
          <span className="font-medium">{item.title}</span>{" "}
          <span className="text-sm text-slate-700 dark:text-slate-300">
            ({ACTION_ITEM_TYPE_LABEL[item.type].toLowerCase()}) —{" "}
            <span className="font-semibold">{ACTION_ITEM_STATE_LABEL[item.state]}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function Timeline({ entries }: { entries: PublishedPostmortem["timeline"] }) {
  return (
    <section aria-labelledby="pm-timeline" className="space-y-2">
      <h3 id="pm-timeline" className="font-semibold">
        Timeline
      </h3>
      <table className="w-full border-collapse text-left text-sm" data-testid="public-timeline">
        <caption className="sr-only">What happened, oldest first</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="py-2 pr-3 font-semibold">
              Time
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Source
            </th>
            <th scope="col" className="py-2 font-semibold">
              What happened
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a snapshot's entries never reorder
            <tr key={i} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="py-2 pr-3 whitespace-nowrap">
                <LocalTime at={entry.at.toISOString()} />
              </td>
              <td className="py-2 pr-3">{SOURCE_LABEL[entry.source]}</td>
              <td className="py-2">{entry.html !== null ? <MarkdownHtml html={entry.html} /> : entry.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function PublishedPostmortemSection({ postmortem }: { postmortem: PublishedPostmortem }) {
  const hasMeasures = postmortem.sections.some((s) => s.key === "correctiveMeasures");
  return (
    <section
      aria-labelledby="postmortem"
      className="space-y-5 border-t border-slate-200 pt-6 dark:border-slate-800"
      data-testid="postmortem"
    >
      <div>
        <h2 id="postmortem" className="text-xl font-semibold">
          Postmortem
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {postmortem.firstPublishedAt && (
            <span data-postmortem-published>
              Published <LocalTime at={postmortem.firstPublishedAt.toISOString()} />
            </span>
          )}
          {postmortem.updatedAt && (
            <span data-postmortem-updated>
              {" "}
              · Updated <LocalTime at={postmortem.updatedAt.toISOString()} />
            </span>
          )}
        </p>
      </div>
      {postmortem.sections.map((section) => (
        <section key={section.key} aria-labelledby={`pm-${section.key}`} className="space-y-2">
          <h3 id={`pm-${section.key}`} className="font-semibold">
            {section.heading}
          </h3>
          <SectionBody section={section} />
          {section.key === "correctiveMeasures" && postmortem.actionItems.length > 0 && (
            <ActionItems items={postmortem.actionItems} />
          )}
        </section>
      ))}
      {!hasMeasures && postmortem.actionItems.length > 0 && (
        <section aria-labelledby="pm-correctiveMeasures" className="space-y-2">
          <h3 id="pm-correctiveMeasures" className="font-semibold">
            Corrective and preventative measures
          </h3>
          <ActionItems items={postmortem.actionItems} />
        </section>
      )}
      {postmortem.timeline.length > 0 && <Timeline entries={postmortem.timeline} />}
    </section>
  );
}
