// The status site's one frame: a header that says where you are, the way to
// subscribe from every page, and a footer with the feeds and the integrators'
// page. Every public page — 404 included — has exactly this one <header>.
// Links on the public site are plain <a>: next/link would prefetch every link
// in view, hundreds per reader on the front page, just when an incident brings everyone at once.
import type { ReactNode } from "react";

const LINK = "underline underline-offset-2";

export function PublicHeader() {
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-3 px-4 py-4">
        <a href="/" className="text-lg font-bold tracking-tight">
          Bellwether <span className="font-normal text-slate-600 dark:text-slate-400">· Commerce platform status</span>
        </a>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <nav aria-label="Site">
            <ul className="flex gap-4 text-sm">
              <li>
                <a className={LINK} href="/">
                  Current status
                </a>
              </li>
              <li>
                <a className={LINK} href="/history">
                  Incident history
                </a>
              </li>
            </ul>
          </nav>
          <a
            href="/subscribe"
            data-testid="subscribe-control"
            className="rounded bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300"
          >
            Subscribe to updates
          </a>
        </div>
      </div>
    </header>
  );
}

export function PublicFooter() {
  return (
    <footer className="mx-auto max-w-6xl space-y-3 px-4 pb-10 text-xs text-slate-600 dark:text-slate-400">
      <nav aria-label="Updates and integrations">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <a className={LINK} href="/subscribe">
              Subscribe to updates
            </a>
          </li>
          <li>
            <a className={LINK} href="/subscribe?channel=webhook">
              Webhooks and Slack
            </a>
          </li>
          <li>
            <a className={LINK} href="/feed.atom">
              Atom feed
            </a>
          </li>
          <li>
            <a className={LINK} href="/feed.rss">
              RSS feed
            </a>
          </li>
          <li>
            <a className={LINK} href="/calendar.ics">
              Maintenance calendar
            </a>
          </li>
          <li>
            <a className={LINK} href="/developers">
              API, feeds, badges and widget
            </a>
          </li>
        </ul>
      </nav>
      <p>
        Tier 1 components enable primary use of the platform; tier 2 components enhance it. Times show in your time zone
        (UTC on hover; UTC without JavaScript); days are UTC days. Powered by Bellwether.
      </p>
    </footer>
  );
}

/** For pages rendered outside the public layout (the shared 404). */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <PublicHeader />
      {children}
      <PublicFooter />
    </>
  );
}

/** Under a region's or component's banner: subscribe to just this, or follow its feed. */
export function ScopedSubscribe({
  scope,
  keyName,
  label,
}: {
  scope: "region" | "component";
  keyName: string;
  label: string;
}) {
  const query = `${scope}=${encodeURIComponent(keyName)}`;
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <a
        href={`/subscribe?${query}`}
        data-testid="scoped-subscribe"
        className="inline-block rounded border border-slate-400 px-3 py-1.5 font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        {label}
      </a>
      <a className={LINK} href={`/feed.atom?${query}`}>
        Atom feed
      </a>
      <a className={LINK} href={`/feed.rss?${query}`}>
        RSS feed
      </a>
    </p>
  );
}
