// The status site's frame: a header that says where you are and a way to the
// history; no session, nothing that needs JavaScript. Links on the public site
// are plain <a>: next/link would prefetch every link in view, hundreds per
// reader on the front page, just when an incident brings everyone at once.
import type { ReactNode } from "react";

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-4">
          <a href="/" className="text-lg font-bold tracking-tight">
            Bellwether{" "}
            <span className="font-normal text-slate-600 dark:text-slate-400">· Commerce platform status</span>
          </a>
          <nav aria-label="Site">
            <ul className="flex gap-4 text-sm">
              <li>
                <a className="underline underline-offset-2" href="/">
                  Current status
                </a>
              </li>
              <li>
                <a className="underline underline-offset-2" href="/history">
                  Incident history
                </a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      {children}
      <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-600 dark:text-slate-400">
        Tier 1 components enable primary use of the platform; tier 2 components enhance it. Times show in your time zone
        (UTC on hover; UTC without JavaScript); days are UTC days. Powered by Bellwether.
      </footer>
    </>
  );
}
