"use client";
// A public page that fails: shown inside the status site's frame (its one header); the server log has the details.
export default function PublicErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">This page could not be loaded</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Something went wrong on our side. Please try again in a moment.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded bg-slate-900 px-4 py-2 text-white dark:bg-slate-100 dark:text-slate-900"
      >
        Try again
      </button>
    </main>
  );
}
