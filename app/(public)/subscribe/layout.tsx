// The subscription pages' frame: the site's name back to the status page, one narrow column.
import Link from "next/link";
import type { ReactNode } from "react";

export default function SubscribeLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-2xl items-center justify-between px-4 py-4">
          <Link href="/" className="text-lg font-bold tracking-tight">
            Bellwether
          </Link>
          <p className="text-sm text-slate-600 dark:text-slate-400">Commerce platform status</p>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-2xl space-y-6 px-4 py-8">
        {children}
      </main>
    </>
  );
}
