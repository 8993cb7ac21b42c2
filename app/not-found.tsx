// The shared 404 (also the snapshot server's): outside the public layout, so it brings the frame itself.
import { PublicFrame } from "./_components/public-frame.tsx";

export default function NotFound() {
  return (
    <PublicFrame>
      <main id="main" className="mx-auto max-w-xl px-4 py-16">
        <h1 className="text-2xl font-bold">Page not found</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          <a className="underline" href="/">
            Back to the status page
          </a>
        </p>
      </main>
    </PublicFrame>
  );
}
