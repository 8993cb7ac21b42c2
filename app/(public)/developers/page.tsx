// GET /developers – for integrators: the JSON API with live examples, the
// feeds and their filters, status badges, and the embeddable widget. Every URL
// is absolute and copyable; each carries the content type it answers with.
import type { Metadata } from "next";
import { CopyField } from "@/app/_components/copy-field.tsx";
import { db } from "@/lib/db.ts";
import { getDevelopersPage, type ListedUrl } from "@/lib/public/developers.ts";
import { publicSite } from "@/lib/public/site.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "API, feeds, badges and widget",
  description: "The status page's JSON API, Atom, RSS and iCalendar feeds, status badges and embeddable widget.",
};

const H2 = "text-xl font-semibold";
const MUTED = "text-sm text-slate-600 dark:text-slate-400";

function Url({ item, label }: { item: ListedUrl; label: string }) {
  return (
    <div data-listed-url={item.url} data-content-type={item.contentType} className="space-y-1">
      <CopyField value={item.url} label={label} />
      <p className={MUTED}>
        <span className="sr-only">Content type: </span>
        {item.contentType}
      </p>
    </div>
  );
}

export default async function DevelopersPage() {
  const page = await getDevelopersPage(db(), publicSite());
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-10 px-4 py-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">API, feeds, badges and widget</h1>
        <p className="text-slate-700 dark:text-slate-300">
          Everything on this status page is also machine-readable. Nothing needs a key; every document below can be read
          from another origin (CORS) and is cached for a few seconds. Select any URL or snippet to copy it.
        </p>
        <nav aria-label="On this page">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {[
              ["#api", "JSON API"],
              ["#feeds", "Feeds"],
              ["#badges", "Badges"],
              ["#widget", "Widget"],
            ].map(([href, label]) => (
              <li key={href}>
                <a className="underline underline-offset-2" href={href}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <section aria-labelledby="api" className="space-y-4">
        <h2 id="api" className={H2}>
          JSON API (Statuspage v2)
        </h2>
        <p>
          The same paths, shapes and values as the Atlassian Statuspage public API v2, so existing clients and widgets
          work unchanged. Examples below are live: what each document says right now.
        </p>
        <ul className="space-y-5">
          {page.api.map((doc) => (
            <li key={doc.name} className="space-y-2">
              <h3 className="font-medium">{doc.name}</h3>
              <Url item={doc} label={`${doc.name} URL`} />
              <details>
                <summary className="cursor-pointer text-sm underline underline-offset-2">
                  Example response{doc.truncated ? " (first lines)" : ""}
                </summary>
                <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-900">
                  <code>{doc.example}</code>
                </pre>
              </details>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="feeds" className="space-y-4">
        <h2 id="feeds" className={H2}>
          Feeds
        </h2>
        <p>
          Filter any feed by <code>region</code> and/or <code>component</code>, with the keys listed below; a component
          and a region together need the component to run there.
        </p>
        <ul className="space-y-5">
          {page.feeds.map((feed) => (
            <li key={feed.url} className="space-y-2">
              <h3 className="font-medium">{feed.name}</h3>
              <Url item={feed} label={feed.name} />
              {feed.filters.map((filter) => (
                <Url key={filter.url} item={filter} label={`${feed.name}, filtered`} />
              ))}
            </li>
          ))}
        </ul>
        <div className="grid gap-6 sm:grid-cols-2">
          <div>
            <h3 className="font-medium">Region keys</h3>
            <ul className="text-sm">
              {page.regions.map((r) => (
                <li key={r.key}>
                  <code>{r.key}</code> <span className={MUTED}>{r.name}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="font-medium">Component keys</h3>
            <ul className="text-sm">
              {page.components.map((c) => (
                <li key={c.key}>
                  <code>{c.key}</code> <span className={MUTED}>{c.name}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      <section aria-labelledby="badges" className="space-y-4">
        <h2 id="badges" className={H2}>
          Status badges
        </h2>
        <p>
          An SVG badge per component (its worst region), or per component in one region:{" "}
          <code>/badge/&lt;component&gt;/&lt;region&gt;.svg</code>.
        </p>
        {page.regionBadge && (
          <div className="space-y-1">
            <h3 className="font-medium">{page.regionBadge.label}</h3>
            {/* biome-ignore lint/performance/noImgElement: an SVG badge, as a reader's README would show it */}
            <img src={page.regionBadge.url} alt={`${page.regionBadge.label} status`} height={20} />
            <Url item={page.regionBadge} label={`${page.regionBadge.label} badge URL`} />
          </div>
        )}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {page.badges.map((badge) => (
            <li key={badge.componentKey} className="space-y-2 py-4" data-badge={badge.componentKey}>
              <h3 className="font-medium">{badge.componentName}</h3>
              {/* biome-ignore lint/performance/noImgElement: an SVG badge, as a reader's README would show it */}
              <img src={badge.url} alt={`${badge.componentName} status`} height={20} />
              <Url item={badge} label={`${badge.componentName} badge URL`} />
              <p className={MUTED}>HTML</p>
              <CopyField value={badge.html} label={`${badge.componentName} badge HTML`} multiline />
              <p className={MUTED}>Markdown</p>
              <CopyField value={badge.markdown} label={`${badge.componentName} badge Markdown`} multiline />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="widget" className="space-y-4">
        <h2 id="widget" className={H2}>
          Embeddable widget
        </h2>
        <p>
          Paste this where the status should show on your site. The link shows the platform&apos;s overall status with a
          coloured dot, and stays a plain link to this page where scripts do not run.
        </p>
        <CopyField value={page.widget.snippet} label="widget snippet" multiline />
        <p className="text-sm">
          Right now it reads:{" "}
          <a data-bellwether-status href={`${page.siteUrl}/`}>
            Commerce platform status
          </a>
        </p>
        <script async src="/widget.js" />
        <Url item={page.widget} label="widget script URL" />
      </section>
    </main>
  );
}
